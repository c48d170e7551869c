package io.creditscoring.drift.stats;

import java.util.List;

/**
 * The dataset-level verdict: drift when the share of drifted columns reaches the threshold (Evidently's
 * default 0.5, "Drift is detected for X% of columns").
 *
 * @param features the per-feature verdicts, in schema order
 * @param driftedFeatures how many drifted
 * @param driftShare drifted / tested
 * @param shareThreshold the share at which the dataset drifts
 * @param datasetDrift whether it does
 */
public record DatasetDrift(
        List<FeatureDrift> features,
        int driftedFeatures,
        double driftShare,
        double shareThreshold,
        boolean datasetDrift) {

    public DatasetDrift {
        features = List.copyOf(features);
    }

    public static DatasetDrift of(List<FeatureDrift> features, double shareThreshold) {
        int drifted = (int) features.stream().filter(FeatureDrift::drifted).count();
        double share = features.isEmpty() ? 0.0 : (double) drifted / features.size();
        return new DatasetDrift(
                features, drifted, share, shareThreshold, !features.isEmpty() && share >= shareThreshold);
    }
}
