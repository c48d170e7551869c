package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Closes windows when they are due (by count or by age), on demand, and runs the matured-outcome checks. One
 * window's failure is logged and leaves its events pending; it never stops the other portfolios' windows. Scheduled
 * evaluations are paced to {@code drift.window.evaluator-share} of one core ({@link EvaluationPacer}); an on-demand
 * evaluation is not, since a caller waits for it.
 */
@Service
public class DriftMonitor {

    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

    private final WindowEvaluator windows;
    private final PerformanceMonitor performance;
    private final DriftResultStore store;
    private final DriftProperties properties;
    private final EvaluationPacer pacer;

    DriftMonitor(
            WindowEvaluator windows,
            PerformanceMonitor performance,
            DriftResultStore store,
            DriftProperties properties) {
        this.windows = windows;
        this.performance = performance;
        this.store = store;
        this.properties = properties;
        this.pacer = new EvaluationPacer(properties.window().evaluatorShare());
    }

    /** One scheduled check: every due window is closed, then queued performance checks run. */
    public void closeDueWindows() {
        closeDueWindows(Instant.now());
    }

    /** The check as of {@code now}: windows whose first event was received before now - max age are due. */
    public void closeDueWindows(Instant now) {
        int maxEvents = properties.window().maxEvents();
        Instant ageLimit = now.minus(properties.window().maxAge());
        for (WindowEvaluator.Pending pending : windows.pending()) {
            try {
                int remaining = pending.events();
                while (remaining >= maxEvents) {
                    closePaced(pending, WindowTrigger.COUNT);
                    remaining -= maxEvents;
                }
                if (remaining > 0 && remaining < pending.events()) {
                    continue; // the leftover starts a new window; its age counts from its own first event
                }
                if (remaining > 0 && !pending.firstReceivedAt().isAfter(ageLimit)) {
                    closePaced(pending, WindowTrigger.TIME);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the service stops; the events stay pending for the next start
            } catch (RuntimeException e) {
                log.error(
                        "could not evaluate the window of portfolio '{}' model version {}; its events stay pending",
                        pending.portfolio(),
                        pending.modelVersion(),
                        e);
            }
        }
        checkPerformance(null);
    }

    /** Closes one due window, then waits so that the evaluator keeps to its share of a core. */
    private void closePaced(WindowEvaluator.Pending pending, WindowTrigger trigger) throws InterruptedException {
        long start = EvaluationPacer.busyClock();
        try {
            windows.close(
                    pending.portfolio(),
                    pending.modelVersion(),
                    trigger,
                    properties.window().maxEvents());
        } finally {
            pacer.pace(Duration.ofNanos(EvaluationPacer.busyClock() - start));
        }
    }

    /**
     * Evaluates every event of the portfolio received since its last window now, one window per model version,
     * then runs its queued performance checks.
     *
     * @return the portfolio's latest result, or empty when nothing was pending
     */
    public Optional<DriftResult> evaluateNow(String portfolio) {
        boolean closed = false;
        for (WindowEvaluator.Pending pending : windows.pending()) {
            if (pending.portfolio().equals(portfolio)) {
                closed |= windows.close(portfolio, pending.modelVersion(), WindowTrigger.ON_DEMAND, pending.events())
                        .isPresent();
            }
        }
        checkPerformance(portfolio);
        return closed ? store.latest(portfolio) : Optional.empty();
    }

    public Optional<DriftResult> latest(String portfolio) {
        return store.latest(portfolio);
    }

    /** The portfolio's windows holding events received in the period, newest first. */
    public List<DriftWindowSummary> windows(String portfolio, Instant from, Instant to, int limit) {
        return store.windows(portfolio, from, to, limit);
    }

    /** One feature's result in each of the portfolio's windows, newest first. */
    public List<FeatureHistoryPoint> featureHistory(String portfolio, String feature, int limit) {
        return store.featureHistory(portfolio, feature, limit);
    }

    public Optional<DriftResult> window(String portfolio, long windowId) {
        return store.find(windowId).filter(r -> r.portfolio().equals(portfolio));
    }

    private void checkPerformance(String portfolio) {
        for (long windowId : performance.queued(portfolio)) {
            try {
                performance.evaluate(windowId);
            } catch (RuntimeException e) {
                log.error("could not evaluate matured outcomes of window {}", windowId, e);
            }
        }
    }
}
