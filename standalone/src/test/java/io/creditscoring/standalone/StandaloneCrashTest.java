package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 of the standalone platform while it consumes a stream of applications, and a restart on the same data
 * directory: every application Kafka acknowledged is stored exactly once, none is lost, and nothing is stored that
 * was not sent. The PostgreSQL server outlives the killed JVM (it is a process of its own); the restart finds it,
 * stops it and starts a server of its own.
 */
class StandaloneCrashTest {

    private static final String PREFIX = "crash-";
    private static final int BURST = 20_000;
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
    void killedWhileConsumingAndRestartedStoresEveryAcknowledgedApplicationExactlyOnce() throws Exception {
        settings = FreePorts.settings(dir.resolve("data"), false);
        System.out.println("Platform data and console in " + dir);

        // a burst first, so that the consumers have a backlog when the platform is killed
        PlatformProcess consuming = PlatformProcess.start(settings);
        ApplicationStream stream = new ApplicationStream(settings, PREFIX, BURST);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> TaiwanApplications.stored(settings, PREFIX) >= 5_000);
        consuming.kill();
        stream.stop();

        long orphan = postmasterPid(settings);
        assertThat(ProcessHandle.of(orphan))
                .as("the PostgreSQL server of the killed platform")
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        long atKill = TaiwanApplications.stored(settings, PREFIX);
        Set<String> acknowledged = stream.acknowledged();
        System.out.printf(
                "Killed with %,d applications stored, %,d acknowledged, %,d sent%n",
                atKill, acknowledged.size(), stream.sent());
        assertThat(atKill).as("stored when killed").isPositive().isLessThan(acknowledged.size());

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
                    .until(() -> TaiwanApplications.storedIds(settings, PREFIX).containsAll(acknowledged));
            System.out.printf(
                    "All acknowledged stored %d ms after the restart began%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStarted));
            assertEveryApplicationStoredOnce(settings, stream.sent());
        } finally {
            Duration stopped = recovered.terminate(Duration.ofMinutes(2));
            assertThat(stopped).isNotNull().isLessThanOrEqualTo(PLATFORM_BUDGET);
            assertThat(recovered.exitValue()).isEqualTo(SIGTERM_STATUS);
        }
    }

    /**
     * Once per id, each id one of those sent (a record sent but not acknowledged may or may not have reached the
     * broker's log before the kill), and no dead letters.
     */
    private static void assertEveryApplicationStoredOnce(StandaloneSettings settings, int sent) throws SQLException {
        try (Connection db = TaiwanApplications.database(settings)) {
            try (PreparedStatement statement = db.prepareStatement("select count(*), count(distinct application_id),"
                    + " count(*) filter (where substr(application_id, ?)::int < ?)"
                    + " from ingestion.applications where application_id like ?")) {
                statement.setInt(1, PREFIX.length() + 1);
                statement.setInt(2, sent);
                statement.setString(3, PREFIX + "%");
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
}
