package io.creditscoring.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server of a test's own (the same embedded binaries as {@link SharedPostgres}) that the test may
 * stop and start again, on the same port and data directory, to play a database outage. The application under test
 * reaches it through {@link #jdbcUrl()} with user and password {@code postgres}.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a new server on a free port with a fresh data directory. */
    public static RestartablePostgres start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RestartablePostgres postgres =
                    new RestartablePostgres(Files.createTempDirectory("restartable-postgres"), port);
            postgres.startAgain();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Stops the server (fast shutdown: open connections are cut); its data stays. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL on port " + port, e);
            } finally {
                server = null;
            }
        }
    }

    /** Starts the stopped server again, with the data it had. */
    public synchronized void startAgain() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL on port " + port, e);
            }
        }
    }

    /** Stops the server and removes its data directory. */
    @Override
    public void close() {
        stop();
        try {
            FileSystemUtils.deleteRecursively(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dataDirectory, e);
        }
    }
}
