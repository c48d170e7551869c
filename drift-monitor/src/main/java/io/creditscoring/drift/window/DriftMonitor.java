package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Closes windows when they are due (by count or by age), on demand, and runs the matured-outcome checks. One
 * window's failure is logged and leaves the window for the next check; it never stops the other portfolios'
 * windows. Scheduled evaluations are paced to {@code drift.window.evaluator-share} of one core
 * ({@link EvaluationPacer}); an on-demand evaluation is not, since a caller waits for it.
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

    /**
     * The check as of {@code now}: every full window is evaluated, and each open window whose first event was
     * received before now - max age is closed.
     */
    public void closeDueWindows(Instant now) {
        for (WindowEvaluator.FullWindow full : windows.full()) {
            if (!closePaced(full.portfolio(), full.modelVersion(), () -> windows.evaluateFull(full))) {
                return;
            }
        }
        Instant ageLimit = now.minus(properties.window().maxAge());
        for (WindowEvaluator.OpenWindow open : windows.open()) {
            if (!open.firstReceivedAt().isAfter(ageLimit)
                    && !closePaced(
                            open.portfolio(), open.modelVersion(), () -> windows.close(open, WindowTrigger.TIME))) {
                return;
            }
        }
        checkPerformance(null);
    }

    /**
     * Closes one due window, then waits so that the evaluator keeps to its share of a core. A failure is logged and
     * leaves the window as it was, for the next check.
     *
     * @return false when the service stops (the wait was interrupted)
     */
    private boolean closePaced(String portfolio, int modelVersion, Supplier<Optional<DriftResult>> evaluation) {
        long start = EvaluationPacer.busyClock();
        try {
            evaluation.get();
        } catch (RuntimeException e) {
            log.error(
                    "could not evaluate the window of portfolio '{}' model version {}; it waits for the next check",
                    portfolio,
                    modelVersion,
                    e);
        }
        try {
            pacer.pace(Duration.ofNanos(EvaluationPacer.busyClock() - start));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // the service stops; the window is evaluated after the next start
        }
    }

    /**
     * Evaluates the portfolio's full windows and closes its open ones now (one per model version), then runs its
     * queued performance checks.
     *
     * @return the portfolio's latest result, or empty when it had no event outside an evaluated window
     */
    public Optional<DriftResult> evaluateNow(String portfolio) {
        boolean closed = false;
        for (WindowEvaluator.FullWindow full : windows.full()) {
            if (full.portfolio().equals(portfolio)) {
                closed |= windows.evaluateFull(full).isPresent();
            }
        }
        for (WindowEvaluator.OpenWindow open : windows.open()) {
            if (open.portfolio().equals(portfolio)) {
                closed |= windows.close(open, WindowTrigger.ON_DEMAND).isPresent();
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
