package io.creditscoring.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A task repeated at a fixed delay on a daemon thread of its own, from the application context's start to its stop.
 *
 * <ul>
 *   <li>A pass that throws is logged and the next one runs at its time: an exception escaping a scheduled task would
 *       otherwise cancel every later pass without a word.
 *   <li>A stop lets a pass in progress finish for at most {@code stopWait} (a pass is normally one short transaction;
 *       cut off, it would end with an error half done), then interrupts it.
 *   <li>Started again after a stop, it schedules afresh.
 * </ul>
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;
    private final Duration initialDelay;
    private final Duration delay;
    private final Duration stopWait;
    private final int priority;
    private ScheduledExecutorService executor;

    /**
     * @param threadName the name of its thread, also in its log lines
     * @param initialDelay from the start to the first pass
     * @param delay from the end of a pass to the start of the next
     * @param stopWait how long a stop waits for a pass in progress before interrupting it
     */
    protected PeriodicTask(String threadName, Duration initialDelay, Duration delay, Duration stopWait) {
        this(threadName, initialDelay, delay, stopWait, Thread.NORM_PRIORITY);
    }

    /**
     * @param priority its thread's priority: a hint to the OS where the JVM passes priorities on (HotSpot on Linux does
     *     not by default)
     */
    protected PeriodicTask(String threadName, Duration initialDelay, Duration delay, Duration stopWait, int priority) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException(
                    threadName + ": the delay between passes must be positive, not " + delay);
        }
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.delay = delay;
        this.stopWait = stopWait;
        this.priority = priority;
    }

    /** One pass; what it throws is logged, and the next pass runs at its time. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(threadName).daemon().priority(priority).factory());
        executor.scheduleWithFixedDelay(this::pass, initialDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("{}: a pass failed; the next runs in {}", threadName, delay, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: a pass did not finish within {} of the stop; interrupting it", threadName, stopWait);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
