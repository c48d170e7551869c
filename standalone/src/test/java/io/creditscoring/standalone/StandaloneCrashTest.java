package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 of the standalone platform while it consumes 30,000 applications, and a restart on the same data
 * directory: every application is stored exactly once, none is lost. The PostgreSQL server outlives the killed
 * JVM (it is a process of its own); the restart finds it, stops it and starts a server of its own.
 */
class StandaloneCrashTest {

    private static final int APPLICATIONS = 30_000;
    private static final String PREFIX = "crash-";
    private static final Duration PLATFORM_BUDGET = Duration.ofSeconds(30);
    private static final int SIGTERM_STATUS = 143;

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
    void killedWhileConsumingAndRestartedStoresEveryApplicationExactlyOnce() throws Exception {
        settings = FreePorts.settings(dir.resolve("data"), false);
        System.out.println("Platform data and console in " + dir);

        // The applications wait in Kafka first: a run whose consumers are held back takes them all.
        PlatformProcess loading = PlatformProcess.start(settings, "ingestion.consumer.auto-startup=false");
        long sendStarted = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, String> producer = TaiwanApplications.producer(settings)) {
            for (int n = 0; n < APPLICATIONS; n++) {
                producer.send(TaiwanApplications.record(PREFIX + n, n), (metadata, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        assertThat(failed).as("applications Kafka did not acknowledge").hasValue(0);
        System.out.printf(
                "Sent %,d applications in %d ms%n",
                APPLICATIONS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendStarted));
        assertThat(loading.terminate(Duration.ofMinutes(2))).isNotNull().isLessThanOrEqualTo(PLATFORM_BUDGET);

        // Consumed from the first offset as soon as ingestion is up; killed part way.
        PlatformProcess consuming = PlatformProcess.launch(settings);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> storedOrZero(settings) >= 5_000 || !consuming.isAlive());
        consuming.kill();

        long orphan = postmasterPid(settings);
        assertThat(ProcessHandle.of(orphan))
                .as("the PostgreSQL server of the killed platform")
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        long atKill = TaiwanApplications.stored(settings, PREFIX);
        System.out.printf("Killed with %,d of %,d applications stored%n", atKill, APPLICATIONS);
        assertThat(atKill).as("stored when killed").isPositive().isLessThan(APPLICATIONS);

        long restartStarted = System.nanoTime();
        PlatformProcess recovered = PlatformProcess.start(settings);
        System.out.printf("Restarted in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStarted));
        try {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                    .as("the orphaned server is stopped")
                    .isEmpty();
            assertThat(postmasterPid(settings))
                    .as("a server of the new platform's own")
                    .isNotEqualTo(orphan);
            assertThat(recovered.console()).contains("left by a platform that was killed");

            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> TaiwanApplications.stored(settings, PREFIX) >= APPLICATIONS);
            System.out.printf(
                    "All stored %d ms after the restart began%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStarted));
            assertEveryApplicationStoredOnce(settings);
        } finally {
            Duration stopped = recovered.terminate(Duration.ofMinutes(2));
            assertThat(stopped).isNotNull().isLessThanOrEqualTo(PLATFORM_BUDGET);
            assertThat(recovered.exitValue()).isEqualTo(SIGTERM_STATUS);
        }
    }

    private static void assertEveryApplicationStoredOnce(StandaloneSettings settings) throws SQLException {
        String[] expected = new String[APPLICATIONS];
        for (int n = 0; n < APPLICATIONS; n++) {
            expected[n] = PREFIX + n;
        }
        try (Connection db = TaiwanApplications.database(settings)) {
            try (PreparedStatement statement = db.prepareStatement("select count(*), count(distinct application_id),"
                    + " count(*) filter (where application_id = any(?)) from ingestion.applications")) {
                Array ids = db.createArrayOf("text", expected);
                statement.setArray(1, ids);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows").isEqualTo(APPLICATIONS);
                    assertThat(rs.getLong(2)).as("distinct ids").isEqualTo(APPLICATIONS);
                    assertThat(rs.getLong(3)).as("rows of the ids sent").isEqualTo(APPLICATIONS);
                }
            }
            try (Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*) from ingestion.dead_letters")) {
                rs.next();
                assertThat(rs.getLong(1)).as("dead letters").isZero();
            }
        }
    }

    /** Stored so far; 0 while PostgreSQL or the table is not there yet. */
    private static long storedOrZero(StandaloneSettings settings) {
        try {
            return TaiwanApplications.stored(settings, PREFIX);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static long postmasterPid(StandaloneSettings settings) throws Exception {
        Path pidFile = settings.dataDirectory().resolve("postgres").resolve("postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
    }
}
