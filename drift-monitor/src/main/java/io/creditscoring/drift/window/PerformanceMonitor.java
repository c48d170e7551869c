package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.reference.ModelReference;
import io.creditscoring.drift.reference.ModelReferences;
import io.creditscoring.metrics.ProbabilityMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * When outcomes mature for a window, computes AUC and KS on the window's matured rows and compares the AUC with
 * the model's test AUC; a drop at or above the threshold is a performance drop and goes to the
 * {@link RetrainPolicy} (still at most one command per window). Windows are queued in
 * {@code performance_pending} when an outcome for one of their applications arrives (evaluated yet or not: a queued
 * window is checked once it has been evaluated), or when they close with outcomes already known.
 */
@Component
class PerformanceMonitor {

    private final JdbcClient jdbc;
    private final WindowEvaluator windows;
    private final ModelReferences references;
    private final DriftResultStore store;
    private final RetrainPolicy retrainPolicy;
    private final DriftMetrics metrics;
    private final DriftProperties properties;

    PerformanceMonitor(
            JdbcClient jdbc,
            WindowEvaluator windows,
            ModelReferences references,
            DriftResultStore store,
            RetrainPolicy retrainPolicy,
            DriftMetrics metrics,
            DriftProperties properties) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.references = references;
        this.store = store;
        this.retrainPolicy = retrainPolicy;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Evaluated windows waiting for a performance check, optionally of one portfolio. */
    List<Long> queued(String portfolio) {
        return jdbc.sql("""
                        select p.window_id from monitoring.performance_pending p
                        join monitoring.drift_windows w on w.window_id = p.window_id
                        where cast(:portfolio as text) is null or w.portfolio = :portfolio order by p.window_id""").param("portfolio", portfolio).query(Long.class).list();
    }

    /** Computes a window's performance on its matured outcomes, if enough have matured. */
    @Transactional
    public void evaluate(long windowId) {
        DriftResult window = store.find(windowId).orElseThrow();
        windows.lock(window.portfolio());
        jdbc.sql("delete from monitoring.performance_pending where window_id = :id")
                .param("id", windowId)
                .update();
        List<double[]> rows = jdbc.sql("""
                        select e.probability_of_default, o.defaulted from monitoring.scoring_events e
                        join monitoring.outcomes o on o.portfolio = e.portfolio and o.application_id = e.application_id
                        where e.window_id = :id""")
                .param("id", windowId)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getBoolean(2) ? 1 : 0})
                .list();
        int defaults = (int) rows.stream().filter(r -> r[1] == 1).count();
        if (rows.size() < properties.performance().minMaturedRows() || defaults == 0 || defaults == rows.size()) {
            return;
        }
        double[] probabilities = new double[rows.size()];
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            probabilities[i] = rows.get(i)[0];
            defaulted[i] = rows.get(i)[1] == 1;
        }
        ProbabilityMetrics d = ProbabilityMetrics.of(probabilities, defaulted);
        ModelReference reference =
                references.find(window.portfolio(), window.modelVersion()).orElseThrow();
        Double modelAuc = Double.isNaN(reference.testAuc()) ? null : reference.testAuc();
        Double drop = modelAuc == null ? null : modelAuc - d.auc();
        boolean degraded = drop != null && drop >= properties.performance().aucDropThreshold();
        WindowPerformance performance =
                new WindowPerformance(d.rows(), d.defaults(), d.auc(), d.ks(), modelAuc, drop, degraded, Instant.now());
        store.updatePerformance(windowId, performance);
        metrics.performanceEvaluated(window.portfolio(), performance);
        if (degraded) {
            List<String> reasons = new ArrayList<>();
            reasons.add(String.format(
                    "performance drop: AUC %.4f on %d matured rows vs %.4f on the test split (drop %.4f >= %.2f)",
                    d.auc(), d.rows(), modelAuc, drop, properties.performance().aucDropThreshold()));
            Map<String, Object> evidence = WindowEvaluator.evidence(window);
            evidence.put("performance", performance);
            RetrainPolicy.Decision decision =
                    retrainPolicy.consider(window.portfolio(), windowId, window.currentRows(), reasons, evidence);
            store.updateRetrain(windowId, decision.requested(), decision.explanation());
        }
    }
}
