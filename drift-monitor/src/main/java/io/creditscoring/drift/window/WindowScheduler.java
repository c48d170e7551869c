package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks for due windows every {@code drift.window.check-interval}, on one thread of its own (never a Kafka
 * consumer's: storing events goes on while a window is evaluated), from start-up to shutdown. A stop
 * lets a check in progress finish (it is one transaction, normally well under a second) for at most
 * {@value #STOP_WAIT_SECONDS} s before interrupting it, so that a window is not cut off half evaluated with an error.
 */
@Component
class WindowScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WindowScheduler.class);
    static final long STOP_WAIT_SECONDS = 5;

    private final DriftMonitor monitor;
    private final DriftProperties properties;
    private ScheduledExecutorService executor;

    WindowScheduler(DriftMonitor monitor, DriftProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "drift-windows");
            thread.setDaemon(true);
            // a hint to the OS where the JVM passes priorities on (HotSpot on Linux does not by default); the
            // evaluator's real bound is drift.window.evaluator-share
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        long period = properties.window().checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            monitor.closeDueWindows();
        } catch (RuntimeException e) {
            // a failed check (database briefly away) must not cancel the schedule
            log.error("window check failed; retrying at the next interval", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn(
                            "A window check did not finish within {} s of the stop; interrupting it",
                            STOP_WAIT_SECONDS);
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
