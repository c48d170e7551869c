package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.lifecycle.PeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Checks for due windows every {@code drift.window.check-interval}, on one thread of its own (never a Kafka
 * consumer's: storing events goes on while a window is evaluated), from start-up to shutdown. A stop
 * lets a check in progress finish (it is one transaction, normally well under a second) for at most
 * {@value #STOP_WAIT_SECONDS} s before interrupting it, so that a window is not cut off half evaluated with an error.
 */
@Component
class WindowScheduler extends PeriodicTask {

    static final long STOP_WAIT_SECONDS = 5;

    private final DriftMonitor monitor;

    WindowScheduler(DriftMonitor monitor, DriftProperties properties) {
        // the minimum priority is a hint to the OS where the JVM passes priorities on (HotSpot on Linux does not by
        // default); the evaluator's real bound is drift.window.evaluator-share
        super(
                "drift-windows",
                properties.window().checkInterval(),
                properties.window().checkInterval(),
                Duration.ofSeconds(STOP_WAIT_SECONDS),
                Thread.MIN_PRIORITY);
        this.monitor = monitor;
    }

    /** A failed check (the database briefly away) is logged and retried at the next interval. */
    @Override
    protected void runOnce() {
        monitor.closeDueWindows();
    }
}
