package io.creditscoring.drift.window;

import java.time.Instant;

/**
 * One evaluated window in a list ({@code GET /v1/portfolios/{portfolio}/drift/windows}): the summary fields of
 * {@link DriftResult} without the per-feature results and tables, which {@code GET .../drift/windows/{windowId}}
 * serves.
 *
 * @param windowId the window's id
 * @param portfolio the portfolio
 * @param modelVersion the model version whose events the window holds
 * @param trigger what closed the window (COUNT, TIME or ON_DEMAND)
 * @param firstReceivedAt receipt time of the window's first event
 * @param lastReceivedAt receipt time of its last event
 * @param evaluatedAt when it was evaluated
 * @param referenceRows rows in the model's reference sample
 * @param currentRows events in the window
 * @param datasetDrift whether the share of drifted features reached the threshold
 * @param driftShare drifted features / tested features
 * @param driftShareThreshold the threshold
 * @param driftedFeatures how many features drifted
 * @param scorePsi PSI of the predicted probability
 * @param scorePsiBand STABLE, WATCH or SHIFT
 * @param performance AUC and KS on matured outcomes, once enough have matured
 * @param retrainRequested whether this window caused a retrain request
 * @param retrainDecision why a retrain was or was not requested
 */
public record DriftWindowSummary(
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
        double scorePsi,
        String scorePsiBand,
        WindowPerformance performance,
        boolean retrainRequested,
        String retrainDecision) {}
