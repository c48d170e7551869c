package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone's PostgreSQL across the ends a platform can meet: a JVM killed while its server runs on (the
 * server is stopped and a fresh one started, committed data kept), a data directory in use by a running platform
 * (refused), another server on the port (not taken for ours), a stale lock file naming a reused process id.
 */
class StandalonePostgresTest {

    @TempDir
    Path dir;

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndAFreshOneStartedWithTheCommittedData() throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PostgresOnly.class.getName(),
                        data.toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try {
            awaitLine(child, PostgresOnly.READY);
            try (Connection db = connect(port);
                    Statement statement = db.createStatement()) {
                statement.execute("create table kept (id int primary key)");
                statement.execute("insert into kept values (1), (2), (3)");
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        long orphan = postmasterPid(data);
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                .as("the server outlives the killed JVM")
                .isPresent();

        try (StandalonePostgres postgres = StandalonePostgres.start(data, port)) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                    .as("the orphan is stopped")
                    .isEmpty();
            assertThat(postmasterPid(data)).isNotEqualTo(orphan);
            try (Connection db = connect(port);
                    Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery("select count(*) from kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void aDataDirectoryInUseByARunningPlatformIsRefused() throws Exception {
        Path data = dir.resolve("postgres");
        try (StandalonePostgres running = StandalonePostgres.start(data, freePort())) {
            assertThatThrownBy(() -> StandalonePostgres.start(data, freePort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by a running standalone platform");
        }
    }

    @Test
    void anotherServerOnThePortIsNotTakenForOurs() throws Exception {
        int port = freePort();
        try (StandalonePostgres other = StandalonePostgres.start(dir.resolve("other"), port)) {
            assertThatThrownBy(() -> StandalonePostgres.start(dir.resolve("ours"), port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " is taken by another PostgreSQL server");
        }
    }

    @Test
    void aStaleLockFileNamingAnotherLiveProcessIsRemovedWithoutTouchingThatProcess() throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        StandalonePostgres.start(data, port).close();
        long notPostgres = ProcessHandle.current().pid();
        Files.write(data.resolve(LeftoverPostmaster.PID_FILE), List.of(Long.toString(notPostgres), data.toString()));

        try (StandalonePostgres postgres = StandalonePostgres.start(data, port)) {
            assertThat(postmasterPid(data)).isNotEqualTo(notPostgres);
        }
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
    }

    private static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve(LeftoverPostmaster.PID_FILE))
                .getFirst()
                .trim());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertThat(seen.get(2, TimeUnit.MINUTES))
                .as("the child printed '%s'", expected)
                .isTrue();
    }

    /** A JVM that only starts the standalone's PostgreSQL and waits to be killed. */
    static final class PostgresOnly {

        static final String READY = "postgres ready";

        public static void main(String[] args) throws Exception {
            StandalonePostgres.start(Path.of(args[0]), Integer.parseInt(args[1]));
            System.out.println(READY);
            Thread.currentThread().join();
        }
    }
}
