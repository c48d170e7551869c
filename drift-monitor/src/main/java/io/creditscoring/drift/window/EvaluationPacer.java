package io.creditscoring.drift.window;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Keeps the scheduled window evaluations to a share of one core: after an evaluation that kept the evaluator busy for
 * {@code t} (the CPU time of its thread, so time spent waiting for a portfolio's lock or for PostgreSQL does not
 * count), the next one waits {@code t * (1 - share) / share}. During a backlog (many windows due at once, such as
 * 40 windows of 5,000 events in 100 s of load in the standalone) the evaluator then takes at most {@code share} of
 * one core, and the scoring service on the same machine keeps the rest. Windows are not lost by waiting: full windows
 * wait in {@code full_windows} and each still holds exactly {@code max-events} events.
 */
final class EvaluationPacer {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double share;

    /** @param share of one core, within (0, 1]; 1 evaluates back to back */
    EvaluationPacer(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("evaluator share must be within (0, 1], got " + share);
        }
        this.share = share;
    }

    /**
     * The current thread's CPU time in nanoseconds, or the elapsed time where the JVM does not measure it: the
     * difference of two readings is the evaluator's busy time.
     */
    static long busyClock() {
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return cpu >= 0 ? cpu : System.nanoTime();
    }

    /** The wait that keeps an evaluation of {@code busy} within the share. */
    Duration pauseAfter(Duration busy) {
        if (busy.isNegative() || busy.isZero() || share == 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (busy.toNanos() * (1 - share) / share));
    }

    /**
     * Waits after an evaluation of {@code busy}.
     *
     * @throws InterruptedException when the service stops meanwhile
     */
    void pace(Duration busy) throws InterruptedException {
        Duration pause = pauseAfter(busy);
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }
}
