package io.creditscoring.drift.window;

import java.time.Instant;

/**
 * One feature's result in one window ({@code GET /v1/portfolios/{portfolio}/drift/features/{feature}/history}).
 * A statistic that is not finite is served as null; the verdict is in {@code drifted}.
 *
 * @param windowId the window
 * @param modelVersion the model version whose events the window holds
 * @param evaluatedAt when the window was evaluated
 * @param test the test applied (ks, chisquare, z, wasserstein, jensenshannon)
 * @param statistic the statistic or distance (null when infinite)
 * @param pValue the p-value, null for distance tests
 * @param threshold the threshold applied
 * @param drifted the verdict
 * @param csi characteristic stability index on reference-frozen bins
 * @param currentRows non-missing values of the feature in the window
 */
public record FeatureHistoryPoint(
        long windowId,
        int modelVersion,
        Instant evaluatedAt,
        String test,
        Double statistic,
        Double pValue,
        double threshold,
        boolean drifted,
        double csi,
        int currentRows) {}
