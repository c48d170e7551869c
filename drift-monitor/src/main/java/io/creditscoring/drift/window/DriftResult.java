package io.creditscoring.drift.window;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.creditscoring.drift.stats.ApprovalParity;
import io.creditscoring.drift.stats.Histogram;
import io.creditscoring.drift.stats.ScoreStability;
import java.time.Instant;
import java.util.List;

/**
 * One evaluated window, as stored and as served by {@code GET /v1/portfolios/{portfolio}/drift/latest}.
 * Statistics that are not finite (a chi-square statistic with a category unseen in the reference) are served as
 * null; the verdict is in {@code drifted}.
 *
 * @param windowId the window's id
 * @param portfolio the portfolio
 * @param modelVersion the model version whose events the window holds
 * @param trigger what closed the window
 * @param firstReceivedAt receipt time of the window's first event
 * @param lastReceivedAt receipt time of its last event
 * @param evaluatedAt when it was evaluated
 * @param referenceRows rows in the model's reference sample
 * @param currentRows events in the window
 * @param datasetDrift whether the share of drifted features reached the threshold
 * @param driftShare drifted features / tested features
 * @param driftShareThreshold the threshold
 * @param driftedFeatures how many features drifted
 * @param features per-feature results, in schema order
 * @param scorePsi PSI of the predicted probability
 * @param scorePsiBand STABLE, WATCH or SHIFT
 * @param psiTable the PSI bins
 * @param fairness approval parity per protected attribute
 * @param performance AUC and KS on matured outcomes, once enough have matured
 * @param retrainRequested whether this window caused a retrain request
 * @param retrainDecision why a retrain was or was not requested
 */
public record DriftResult(
        long windowId,
        String portfolio,
        int modelVersion,
        WindowTrigger trigger,
        Instant firstReceivedAt,
        Instant lastReceivedAt,
        Instant evaluatedAt,
        int referenceRows,
        int currentRows,
        boolean datasetDrift,
        double driftShare,
        double driftShareThreshold,
        int driftedFeatures,
        List<FeatureResult> features,
        double scorePsi,
        String scorePsiBand,
        List<ScoreStability.Bin> psiTable,
        List<ApprovalParity> fairness,
        WindowPerformance performance,
        boolean retrainRequested,
        String retrainDecision) {

    /**
     * One feature's result.
     *
     * @param name the feature
     * @param kind NUMERIC or CATEGORICAL
     * @param test Evidently's test name (ks, chisquare, z, wasserstein, jensenshannon)
     * @param statistic the statistic or distance (null when infinite)
     * @param pValue the p-value, null for distance tests
     * @param threshold the threshold applied
     * @param drifted the verdict
     * @param csi characteristic stability index on reference-frozen bins
     * @param referenceRows non-missing reference values
     * @param currentRows non-missing current values
     * @param histogram reference and current shares (report only)
     */
    public record FeatureResult(
            String name,
            String kind,
            String test,
            Double statistic,
            Double pValue,
            double threshold,
            boolean drifted,
            double csi,
            int referenceRows,
            int currentRows,
            @JsonIgnore Histogram histogram) {}
}
