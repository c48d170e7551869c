package io.creditscoring.standalone;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The standalone platform as a child JVM on this test's class path, started the way {@code bin/standalone} starts
 * it, so that a test can send it the signals an operator or the system would: SIGTERM ({@link #terminate}) and
 * SIGKILL ({@link #kill}). Its console goes to a file in the data directory's parent.
 */
final class PlatformProcess {

    static final String BANNER = "Credit Scoring Platform is running";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final List<PlatformProcess> LAUNCHED = new CopyOnWriteArrayList<>();

    private final Process process;
    private final Path console;
    private long termSentAt;

    private PlatformProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /**
     * Starts the platform and returns once it printed its banner.
     *
     * @param systemProperties {@code name=value} pairs passed as {@code -D}: configuration of every service, as an
     *     operator would give it
     */
    static PlatformProcess start(StandaloneSettings settings, String... systemProperties) throws Exception {
        PlatformProcess platform = launch(settings, systemProperties);
        platform.awaitBanner();
        return platform;
    }

    /** Starts the platform and returns at once, while it is starting. */
    static PlatformProcess launch(StandaloneSettings settings, String... systemProperties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-Xmx1g");
        // C1 only: the platforms these tests start live for seconds to minutes, and C2's compilations would take
        // about 40 % of their start-up CPU on 2 cores (35 s against 20 s of CPU per start, measured)
        command.add("-XX:TieredStopAtLevel=1");
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StandalonePlatform.class.getName());
        command.add("--data-dir=" + settings.dataDirectory().toAbsolutePath());
        command.add("--kafka-port=" + settings.kafkaPort());
        command.add("--kafka-controller-port=" + settings.kafkaControllerPort());
        command.add("--postgres-port=" + settings.postgresPort());
        command.add("--scoring-port=" + settings.scoringPort());
        command.add("--ingestion-port=" + settings.ingestionPort());
        command.add("--training-port=" + settings.trainingPort());
        command.add("--drift-port=" + settings.driftPort());
        command.add("--console-port=" + settings.consolePort());
        Path console = settings.dataDirectory()
                .toAbsolutePath()
                .resolveSibling(
                        settings.dataDirectory().getFileName() + "-console-" + STARTS.incrementAndGet() + ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        // as bin/standalone sets it: XGBoost's OpenMP threads sleep instead of spinning on a shared machine
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        PlatformProcess platform = new PlatformProcess(builder.start(), console);
        LAUNCHED.add(platform);
        return platform;
    }

    /**
     * After a test: kills every platform it left running, then stops the PostgreSQL server a killed one left on the
     * data directory, so that no process outlives the test.
     */
    static void cleanUp(StandaloneSettings settings) throws Exception {
        for (PlatformProcess platform : LAUNCHED) {
            if (platform.isAlive()) {
                platform.kill();
            }
        }
        LAUNCHED.clear();
        Path postgres = settings.dataDirectory().resolve("postgres");
        if (Files.isDirectory(postgres)) {
            LeftoverPostmaster.stopIfOrphaned(postgres);
        }
    }

    void awaitBanner() throws InterruptedException {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the platform exited with status " + process.exitValue()
                            + " before it was up; its console:\n" + console());
                }
                return console().contains(BANNER);
            });
        } catch (ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException(
                    "the platform was not up within " + START_TIMEOUT + "; its console:\n" + console(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** What the platform printed so far. */
    String console() {
        try {
            return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends SIGTERM (what {@link Process#destroy()} does on Linux and macOS) and waits for the exit.
     *
     * @return how long the platform took to exit, or null when it had not exited within {@code atMost} (it is
     *     then killed)
     */
    Duration terminate(Duration atMost) throws InterruptedException {
        sendTerm();
        return awaitExit(atMost);
    }

    /** Sends SIGTERM and returns at once. */
    void sendTerm() {
        termSentAt = System.nanoTime();
        process.destroy();
    }

    /**
     * Waits for the exit that SIGTERM asked for.
     *
     * @return how long the platform took to exit after SIGTERM, or null when it had not exited within
     *     {@code atMost} of it (it is then killed)
     */
    Duration awaitExit(Duration atMost) throws InterruptedException {
        long left = termSentAt + atMost.toNanos() - System.nanoTime();
        if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
            kill();
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - termSentAt);
    }

    /** Sends SIGKILL (what {@link Process#destroyForcibly()} does on Linux and macOS) and waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int exitValue() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
