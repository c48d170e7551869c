package io.creditscoring.drift.stats;

/**
 * The per-feature drift tests, named as Evidently names them, with Evidently's default thresholds.
 *
 * <p>For the p-value tests drift is found when the p-value is below the threshold (the KS test also when it
 * equals it, as Evidently compares {@code p <= threshold} there); for the distances when the distance is at or
 * above the threshold.
 */
public enum StatTest {
    /** Two-sample Kolmogorov-Smirnov test ({@code scipy.stats.ks_2samp}). */
    KS("ks", 0.05, true),
    /** Pearson's chi-square goodness of fit of the current counts against the reference proportions. */
    CHI_SQUARE("chisquare", 0.05, true),
    /** Two-proportion Z-test on the share of one category. */
    Z("z", 0.05, true),
    /** Wasserstein distance divided by the reference standard deviation (at least 0.001). */
    WASSERSTEIN("wasserstein", 0.1, false),
    /** Jensen-Shannon distance (natural logarithm) between the category distributions. */
    JENSEN_SHANNON("jensenshannon", 0.1, false);

    private final String id;
    private final double defaultThreshold;
    private final boolean pValueTest;

    StatTest(String id, double defaultThreshold, boolean pValueTest) {
        this.id = id;
        this.defaultThreshold = defaultThreshold;
        this.pValueTest = pValueTest;
    }

    /** Evidently's name of the test, as shown in results and reports. */
    public String id() {
        return id;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the test answers a p-value (drift below the threshold) rather than a distance. */
    public boolean isPValueTest() {
        return pValueTest;
    }

    /** Evidently's verdict for a test result. */
    public boolean drifted(double statistic, double pValue, double threshold) {
        return switch (this) {
            case KS -> pValue <= threshold;
            case CHI_SQUARE, Z -> pValue < threshold;
            case WASSERSTEIN, JENSEN_SHANNON -> statistic >= threshold;
        };
    }
}
