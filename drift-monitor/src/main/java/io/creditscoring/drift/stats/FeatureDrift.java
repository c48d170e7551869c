package io.creditscoring.drift.stats;

/**
 * One feature's drift verdict.
 *
 * @param feature the feature name
 * @param kind numeric or categorical, as the schema declares it
 * @param test the test Evidently's rules chose
 * @param statistic the test statistic or distance
 * @param pValue the p-value, or {@code NaN} for distance tests
 * @param threshold the threshold applied
 * @param drifted whether the feature drifted
 * @param csi the characteristic stability index of the feature (PSI on reference-frozen bins)
 * @param referenceRows non-missing reference values
 * @param currentRows non-missing current values
 * @param histogram reference and current shares, for reports
 */
public record FeatureDrift(
        String feature,
        ColumnKind kind,
        StatTest test,
        double statistic,
        double pValue,
        double threshold,
        boolean drifted,
        double csi,
        int referenceRows,
        int currentRows,
        Histogram histogram) {}
