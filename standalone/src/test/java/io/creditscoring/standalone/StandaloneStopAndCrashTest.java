package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.testsupport.ServiceClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform stopped and killed while it works, then restarted on the same data directory, three
 * platform starts in all (each start costs about 30 s of the suite, so the two scenarios share them):
 *
 * <ol>
 *   <li>SIGTERM stops it within 30 s, and each service within 20 s, while a stream of applications is being consumed
 *       and a CSV import is in flight. Nothing is lost or handed over twice: the import finishes and answers, the
 *       consumers commit exactly what they stored (after the restart, every record consumed is new), and every
 *       application Kafka acknowledged is stored once.
 *   <li>A kill -9 of the restarted platform while it consumes a backlog, and a restart: every application Kafka
 *       acknowledged is stored exactly once, none is lost, and nothing is stored that was not sent. The PostgreSQL
 *       server outlives the killed JVM (it is a process of its own); the restart finds it, stops it and starts a
 *       server of its own.
 *   <li>SIGTERM to the recovered platform, idle: it stops within 30 s.
 * </ol>
 */
class StandaloneStopAndCrashTest {

    private static final Duration PLATFORM_BUDGET = Duration.ofSeconds(30);
    private static final Duration SERVICE_BUDGET = Duration.ofSeconds(20);
    /** 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal. */
    private static final int SIGTERM_STATUS = 143;

    private static final int CSV_ROWS = 2_000;
    private static final String STREAM = "stream-";
    private static final String CSV = "csv-";
    private static final String CRASH = "crash-";
    private static final int BURST = 20_000;

    // kept when the test fails: the platform's log and console are in it
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private StandaloneSettings settings;

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        if (settings != null) {
            PlatformProcess.cleanUp(settings);
        }
    }

    @Test
    void sigtermUnderLoadThenKillWhileConsumingLoseOrRepeatNothing() throws Exception {
        settings = FreePorts.settings(dir.resolve("data"), false);
        System.out.println("Platform data and console in " + dir);
        PlatformLog log = new PlatformLog(settings);

        PlatformProcess restarted = sigtermUnderLoadStopsInTimeAndLosesOrRepeatsNothing(log);
        PlatformProcess recovered = killedWhileConsumingRestartsStoringEveryAcknowledgedApplicationOnce(restarted);

        log.mark();
        Duration idleStop = recovered.terminate(Duration.ofMinutes(2));
        System.out.printf(
                "Stopped idle in %s ms: %s%n", idleStop == null ? null : idleStop.toMillis(), log.stopTimes());
        assertThat(idleStop).isNotNull().isLessThanOrEqualTo(PLATFORM_BUDGET);
        assertThat(recovered.exitValue()).isEqualTo(SIGTERM_STATUS);
    }

    /** Step 1; returns the platform restarted after the stop, idle. */
    private PlatformProcess sigtermUnderLoadStopsInTimeAndLosesOrRepeatsNothing(PlatformLog log) throws Exception {
        PlatformProcess platform = PlatformProcess.start(settings);
        String apiKey =
                Files.readString(settings.dataDirectory().resolve("api-key")).trim();

        ApplicationStream stream = new ApplicationStream(settings, STREAM, 0);
        GatedCsvImport csvImport = new GatedCsvImport(settings, apiKey);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TaiwanApplications.stored(settings, STREAM) >= 5_000
                        && TaiwanApplications.stored(settings, CSV) > 0);

        log.mark();
        platform.sendTerm();
        // the ingestion service stops last, its consumers first and then its web server, which waits for the
        // import: the rest of the import's body is sent only then
        await().atMost(PLATFORM_BUDGET).pollInterval(Duration.ofMillis(50)).until(() -> {
            String sinceStop = log.sinceMark();
            int training = sinceStop.indexOf("Stopped training-service in");
            return training >= 0 && sinceStop.indexOf("Commencing graceful shutdown", training) >= 0;
        });
        csvImport.sendTheRest();
        Duration stopped = platform.awaitExit(Duration.ofMinutes(2));
        stream.stop();

        assertThat(stopped)
                .as("the platform's stop after SIGTERM; its log:\n%s", log.sinceMark())
                .isNotNull()
                .isLessThanOrEqualTo(PLATFORM_BUDGET);
        assertThat(platform.exitValue()).isEqualTo(SIGTERM_STATUS);
        Map<String, Duration> stopTimes = log.stopTimes();
        System.out.printf("Stopped under load in %d ms: %s%n", stopped.toMillis(), stopTimes);
        assertThat(stopTimes)
                .containsKeys("ingestion-service", "training-service", "scoring-api", "drift-monitor")
                .allSatisfy((part, time) -> assertThat(time).as(part).isLessThanOrEqualTo(SERVICE_BUDGET));
        assertThat(log.sinceMark()).as("errors logged while stopping").doesNotContain(" ERROR ");
        HttpResponse<String> imported = csvImport.response().get(10, TimeUnit.SECONDS);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"applicationsPublished\":" + CSV_ROWS);

        PlatformProcess restarted = PlatformProcess.start(settings);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TaiwanApplications.storedIds(settings, STREAM).containsAll(stream.acknowledged())
                        && TaiwanApplications.stored(settings, CSV) == CSV_ROWS);
        // what the first run stored, it had committed: the restarted consumers read only records new to them
        ServiceClient ingestion = ServiceClient.onPort(settings.ingestionPort());
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    String metrics = ingestion.getText("/actuator/prometheus");
                    assertThat(counter(metrics, "ingestion_records_consumed_total"))
                            .as("applications consumed after the restart, against those stored")
                            .isEqualTo(counter(metrics, "ingestion_records_stored_total"));
                });
        Set<String> stored = TaiwanApplications.storedIds(settings, STREAM);
        assertThat(stored).containsAll(stream.acknowledged());
        assertThat(stored)
                .as("nothing but what was sent")
                .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(STREAM.length())))
                        .isLessThan(stream.sent()));
        try (Connection db = TaiwanApplications.database(settings);
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select count(*), count(distinct application_id),"
                        + " (select count(*) from ingestion.dead_letters) from ingestion.applications")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2)).isEqualTo(stored.size() + CSV_ROWS);
            assertThat(rs.getLong(3)).as("dead letters").isZero();
        }
        return restarted;
    }

    /** Step 2; returns the platform restarted after the kill. */
    private PlatformProcess killedWhileConsumingRestartsStoringEveryAcknowledgedApplicationOnce(
            PlatformProcess consuming) throws Exception {
        // a burst first, so that the consumers have a backlog when the platform is killed
        ApplicationStream stream = new ApplicationStream(settings, CRASH, BURST);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> TaiwanApplications.stored(settings, CRASH) >= 5_000);
        consuming.kill();
        stream.stop();

        long orphan = postmasterPid(settings);
        assertThat(ProcessHandle.of(orphan))
                .as("the PostgreSQL server of the killed platform")
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        long atKill = TaiwanApplications.stored(settings, CRASH);
        Set<String> acknowledged = stream.acknowledged();
        System.out.printf(
                "Killed with %,d applications stored, %,d acknowledged, %,d sent%n",
                atKill, acknowledged.size(), stream.sent());
        assertThat(atKill).as("stored when killed").isPositive().isLessThan(acknowledged.size());

        long restartStarted = System.nanoTime();
        PlatformProcess recovered = PlatformProcess.start(settings);
        System.out.printf("Restarted in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStarted));
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                .as("the orphaned server is stopped")
                .isEmpty();
        assertThat(postmasterPid(settings))
                .as("a server of the new platform's own")
                .isNotEqualTo(orphan);
        assertThat(recovered.console()).contains("left by a platform that was killed");

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TaiwanApplications.storedIds(settings, CRASH).containsAll(acknowledged));
        System.out.printf(
                "All acknowledged stored %d ms after the restart began%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStarted));
        assertEveryCrashApplicationStoredOnce(stream.sent());
        return recovered;
    }

    @Test
    void sigtermWhileStartingStopsWhatStartedAndLeavesNoPostgresRunning() throws Exception {
        settings = FreePorts.settings(dir.resolve("data"), false);
        Path pidFile = settings.dataDirectory().resolve("postgres").resolve(LeftoverPostmaster.PID_FILE);
        PlatformProcess platform = PlatformProcess.launch(settings);
        long postgres = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(
                        () -> Long.parseLong(
                                Files.readAllLines(pidFile).getFirst().trim()),
                        pid -> pid > 0);

        platform.sendTerm();
        Duration stopped = platform.awaitExit(Duration.ofMinutes(2));

        assertThat(stopped).isNotNull().isLessThanOrEqualTo(PLATFORM_BUDGET);
        assertThat(platform.console()).doesNotContain(PlatformProcess.BANNER);
        assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive))
                .as("the PostgreSQL server started before the stop")
                .isEmpty();
        assertThat(pidFile).doesNotExist();
    }

    /**
     * Once per id, each id one of those sent (a record sent but not acknowledged may or may not have reached the
     * broker's log before the kill), and no dead letters.
     */
    private void assertEveryCrashApplicationStoredOnce(int sent) throws SQLException {
        try (Connection db = TaiwanApplications.database(settings)) {
            try (PreparedStatement statement = db.prepareStatement("select count(*), count(distinct application_id),"
                    + " count(*) filter (where substr(application_id, ?)::int < ?)"
                    + " from ingestion.applications where application_id like ?")) {
                statement.setInt(1, CRASH.length() + 1);
                statement.setInt(2, sent);
                statement.setString(3, CRASH + "%");
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(rs.getLong(1));
                    assertThat(rs.getLong(3)).as("rows of ids sent").isEqualTo(rs.getLong(1));
                }
            }
            try (Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*) from ingestion.dead_letters")) {
                rs.next();
                assertThat(rs.getLong(1)).as("dead letters").isZero();
            }
        }
    }

    private static long postmasterPid(StandaloneSettings settings) throws Exception {
        Path pidFile = settings.dataDirectory().resolve("postgres").resolve("postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
    }

    /** The value of an ingestion counter for {@code credit.applications} in a Prometheus exposition. */
    private static double counter(String exposition, String name) {
        Matcher matcher = Pattern.compile(
                        "^" + name + "\\{[^}]*topic=\"credit.applications\"[^}]*} (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        assertThat(matcher.find()).as("%s in the exposition", name).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /**
     * A CSV import of {@value #CSV_ROWS} rows whose body is sent in two halves: the second only when told, so that
     * the request is in flight for as long as the test wants.
     */
    private static final class GatedCsvImport {

        private final CountDownLatch gate = new CountDownLatch(1);
        private final CompletableFuture<HttpResponse<String>> response;

        GatedCsvImport(StandaloneSettings settings, String apiKey) {
            StringBuilder first = new StringBuilder("ID,")
                    .append(String.join(",", TaiwanApplications.features(0).keySet()))
                    .append('\n');
            StringBuilder rest = new StringBuilder();
            for (int n = 0; n < CSV_ROWS; n++) {
                (n < CSV_ROWS / 2 ? first : rest)
                        .append(CSV)
                        .append(n)
                        .append(',')
                        .append(TaiwanApplications.features(n).values().stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(",")))
                        .append('\n');
            }
            InputStream body = new SequenceInputStream(
                    new ByteArrayInputStream(first.toString().getBytes(StandardCharsets.UTF_8)),
                    new GatedStream(rest.toString().getBytes(StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + settings.ingestionPort()
                            + "/v1/portfolios/" + TaiwanApplications.PORTFOLIO + "/imports"))
                    .header("X-API-Key", apiKey)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                    .build();
            this.response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }

        void sendTheRest() {
            gate.countDown();
        }

        CompletableFuture<HttpResponse<String>> response() {
            return response;
        }

        /** Bytes that can be read once the gate is open. */
        private final class GatedStream extends ByteArrayInputStream {

            GatedStream(byte[] bytes) {
                super(bytes);
            }

            @Override
            public synchronized int read() {
                return awaitGate() ? super.read() : -1;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return awaitGate() ? super.read(b, off, len) : -1;
            }

            private boolean awaitGate() {
                try {
                    gate.await();
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
