package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.reference.ModelReference;
import io.creditscoring.drift.reference.ModelReferences;
import io.creditscoring.drift.stats.ApprovalParity;
import io.creditscoring.drift.stats.CurrentSample;
import io.creditscoring.drift.stats.DriftEvaluator;
import io.creditscoring.drift.stats.FeatureColumns;
import io.creditscoring.drift.stats.FeatureDrift;
import io.creditscoring.drift.stats.StabilityBins;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.portfolio.FeatureSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Evaluates a window, in one transaction under the portfolio's advisory lock: a full window, or an open one that it
 * closes (events join windows as they are stored, {@link OpenWindows}). It compares the window's events with the
 * model's reference, stores the result per window and feature, and lets the {@link RetrainPolicy} decide on a
 * retrain. If anything fails the transaction rolls back and the window waits, full or open as it was, for the next
 * check.
 */
@Component
class WindowEvaluator {

    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ModelReferences references;
    private final DriftResultStore store;
    private final RetrainPolicy retrainPolicy;
    private final DriftMetrics metrics;
    private final DriftProperties properties;

    WindowEvaluator(
            JdbcClient jdbc,
            ModelReferences references,
            DriftResultStore store,
            RetrainPolicy retrainPolicy,
            DriftMetrics metrics,
            DriftProperties properties) {
        this.jdbc = jdbc;
        this.references = references;
        this.store = store;
        this.retrainPolicy = retrainPolicy;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** A window filled to its maximum by the events stored ({@link OpenWindows}), waiting for its evaluation. */
    record FullWindow(long windowId, String portfolio, int modelVersion) {}

    /** The window a portfolio and model version's new events join, with its events so far. */
    record OpenWindow(String portfolio, int modelVersion, long windowId, int events, Instant firstReceivedAt) {}

    List<FullWindow> full() {
        return jdbc.sql("""
                        select window_id, portfolio, model_version from monitoring.full_windows
                        order by window_id""")
                .query((rs, n) ->
                        new FullWindow(rs.getLong("window_id"), rs.getString("portfolio"), rs.getInt("model_version")))
                .list();
    }

    List<OpenWindow> open() {
        return jdbc.sql("""
                        select portfolio, model_version, window_id, events, first_received_at
                        from monitoring.open_windows order by portfolio, model_version""")
                .query((rs, n) -> new OpenWindow(
                        rs.getString("portfolio"),
                        rs.getInt("model_version"),
                        rs.getLong("window_id"),
                        rs.getInt("events"),
                        rs.getTimestamp("first_received_at").toInstant()))
                .list();
    }

    /** Locks the portfolio for this transaction, so windows and retrain decisions of a portfolio never interleave. */
    void lock(String portfolio) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                .param("key", "drift-monitor:" + portfolio)
                .query((rs, n) -> n)
                .list();
    }

    /**
     * Evaluates a full window (trigger {@code COUNT}).
     *
     * @return the result, or empty when another instance has evaluated it already
     */
    @Transactional
    public Optional<DriftResult> evaluateFull(FullWindow window) {
        lock(window.portfolio());
        int taken = jdbc.sql("delete from monitoring.full_windows where window_id = :windowId")
                .param("windowId", window.windowId())
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        return evaluate(window.portfolio(), window.modelVersion(), window.windowId(), WindowTrigger.COUNT);
    }

    /**
     * Closes an open window and evaluates it. Removing its row waits for the transactions still storing events in it
     * ({@link OpenWindows}), so the evaluation sees every one of its events.
     *
     * @return the result, or empty when the window is no longer open (filled, or closed by another caller)
     */
    @Transactional
    public Optional<DriftResult> close(OpenWindow window, WindowTrigger trigger) {
        lock(window.portfolio());
        int taken = jdbc.sql("delete from monitoring.open_windows where window_id = :windowId")
                .param("windowId", window.windowId())
                .update();
        if (taken == 0) {
            return Optional.empty();
        }
        return evaluate(window.portfolio(), window.modelVersion(), window.windowId(), trigger);
    }

    /** Evaluates a closed window's events against the model's reference, stores the result and decides on a retrain. */
    private Optional<DriftResult> evaluate(String portfolio, int modelVersion, long windowId, WindowTrigger trigger) {
        ModelReference reference = references
                .find(portfolio, modelVersion)
                .orElseThrow(() -> new IllegalStateException(
                        "no reference for model version " + modelVersion + " of portfolio '" + portfolio + "'"));
        List<EventRow> events = jdbc.sql("""
                        select features::text as features, probability_of_default, decision, received_at
                        from monitoring.scoring_events where window_id = :windowId order by received_at, event_id""")
                .param("windowId", windowId)
                .query((rs, n) -> new EventRow(
                        CreditJson.json().readValue(rs.getString("features"), FEATURES),
                        rs.getDouble("probability_of_default"),
                        rs.getString("decision"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        DriftResult result = assess(windowId, trigger, reference, events);
        store.save(result);
        jdbc.sql("""
                        insert into monitoring.performance_pending (window_id)
                        select :windowId where exists (select 1 from monitoring.scoring_events e
                            join monitoring.outcomes o
                                on o.portfolio = e.portfolio and o.application_id = e.application_id
                            where e.window_id = :windowId)
                        on conflict do nothing""").param("windowId", windowId).update();
        RetrainPolicy.Decision decision = retrainPolicy.consider(
                portfolio, windowId, result.currentRows(), driftReasons(result), evidence(result));
        store.updateRetrain(windowId, decision.requested(), decision.explanation());
        metrics.windowEvaluated(result);
        return store.find(windowId);
    }

    private DriftResult assess(long windowId, WindowTrigger trigger, ModelReference reference, List<EventRow> events) {
        int n = events.size();
        FeatureColumns values = FeatureColumns.of(
                reference.schema(), events.stream().map(EventRow::features).toList());
        Map<String, double[]> numeric = values.numeric();
        Map<String, String[]> categorical = values.categorical();
        double[] probabilities = new double[n];
        boolean[] approved = new boolean[n];
        for (int i = 0; i < n; i++) {
            probabilities[i] = events.get(i).probability();
            approved[i] = Decision.APPROVE.name().equals(events.get(i).decision());
        }
        DriftEvaluator.Assessment assessment = DriftEvaluator.evaluate(
                reference.profile(),
                new CurrentSample(n, numeric, categorical, probabilities),
                properties.driftShareThreshold());

        List<ApprovalParity> fairness = new ArrayList<>();
        for (FeatureSpec feature : reference.schema().protectedFeatures()) {
            String[] groups = feature.isNumeric()
                    ? numericGroups(reference.protectedBins().get(feature.name()), numeric.get(feature.name()))
                    : categorical.get(feature.name());
            if (groups != null) {
                fairness.add(ApprovalParity.of(
                        feature.name(),
                        groups,
                        approved,
                        properties.fairness().minGroupRows(),
                        properties.fairness().adverseImpactThreshold()));
            }
        }

        List<DriftResult.FeatureResult> features = new ArrayList<>();
        for (FeatureDrift f : assessment.dataset().features()) {
            features.add(new DriftResult.FeatureResult(
                    f.feature(),
                    f.kind().name(),
                    f.test().id(),
                    Double.isFinite(f.statistic()) ? f.statistic() : null,
                    Double.isNaN(f.pValue()) ? null : f.pValue(),
                    f.threshold(),
                    f.drifted(),
                    f.csi(),
                    f.referenceRows(),
                    f.currentRows(),
                    f.histogram()));
        }
        return new DriftResult(
                windowId,
                reference.portfolio(),
                reference.version(),
                trigger,
                events.getFirst().receivedAt(),
                events.getLast().receivedAt(),
                Instant.now(),
                reference.profile().rows(),
                n,
                assessment.dataset().datasetDrift(),
                assessment.dataset().driftShare(),
                assessment.dataset().shareThreshold(),
                assessment.dataset().driftedFeatures(),
                features,
                assessment.score().psi(),
                assessment.score().band().name(),
                assessment.score().bins(),
                fairness,
                null,
                false,
                "pending");
    }

    private static String[] numericGroups(StabilityBins bins, double[] values) {
        if (bins == null || values == null) {
            return null;
        }
        List<String> labels = bins.labels();
        String[] groups = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            groups[i] = Double.isNaN(values[i]) ? null : labels.get(bins.binOf(values[i]));
        }
        return groups;
    }

    private List<String> driftReasons(DriftResult result) {
        List<String> reasons = new ArrayList<>();
        if (result.datasetDrift()) {
            reasons.add(String.format(
                    "dataset drift: %d of %d features drifted (share %.2f >= %.2f)",
                    result.driftedFeatures(),
                    result.features().size(),
                    result.driftShare(),
                    result.driftShareThreshold()));
        }
        if (result.scorePsi() >= properties.retrain().scorePsiThreshold()) {
            reasons.add(String.format(
                    "score PSI %.4f >= %.2f",
                    result.scorePsi(), properties.retrain().scorePsiThreshold()));
        }
        return reasons;
    }

    static Map<String, Object> evidence(DriftResult result) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("modelVersion", result.modelVersion());
        evidence.put("currentRows", result.currentRows());
        evidence.put("referenceRows", result.referenceRows());
        evidence.put("datasetDrift", result.datasetDrift());
        evidence.put("driftShare", result.driftShare());
        evidence.put("scorePsi", result.scorePsi());
        evidence.put(
                "driftedFeatures",
                result.features().stream()
                        .filter(DriftResult.FeatureResult::drifted)
                        .map(DriftResult.FeatureResult::name)
                        .toList());
        if (result.performance() != null) {
            evidence.put("performance", result.performance());
        }
        return evidence;
    }

    private record EventRow(Map<String, Object> features, double probability, String decision, Instant receivedAt) {}
}
