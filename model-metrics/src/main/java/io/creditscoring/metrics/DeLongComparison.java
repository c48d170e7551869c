package io.creditscoring.metrics;

import java.util.Arrays;

/**
 * DeLong's test for the difference between the AUCs of two models scored on the same rows (DeLong, DeLong and
 * Clarke-Pearson, Biometrics 44, 1988): the two AUCs are correlated because they rank the same defaulters against
 * the same non-defaulters, and the test accounts for it.
 *
 * <p>With {@code m} defaulters {@code x_i}, {@code n} non-defaulters {@code y_j} and {@code psi(x, y)} = 1 when
 * {@code x > y}, 1/2 on a tie and 0 otherwise, each model {@code r} has the structural components
 * {@code V10_r(i) = mean_j psi(x_i, y_j)} (the share of non-defaulters the defaulter {@code i} outranks) and
 * {@code V01_r(j) = mean_i psi(x_i, y_j)}; its AUC (the Mann-Whitney statistic) is the mean of either. With
 * {@code S10} and {@code S01} the 2x2 sample covariance matrices (divisor {@code m - 1}, {@code n - 1}) of the two
 * models' components, the covariance of the AUCs is {@code S = S10 / m + S01 / n}, and
 * {@code z = (AUC_b - AUC_a) / sqrt(S_aa + S_bb - 2 S_ab)}, two-sided p from the standard normal.
 *
 * <p>The components are counted from sorted scores (a binary search per row), not pair by pair:
 * O((m + n) log(m + n)) for each model.
 */
public final class DeLongComparison {

    private final int defaults;
    private final int nonDefaults;
    private final double aucA;
    private final double aucB;
    private final double varianceA;
    private final double varianceB;
    private final double covariance;

    private DeLongComparison(double[] a, double[] b, boolean[] defaulted) {
        if (a.length != defaulted.length || b.length != defaulted.length) {
            throw new IllegalArgumentException("got " + a.length + " and " + b.length + " probabilities for "
                    + defaulted.length + " outcomes; they must pair up");
        }
        int m = 0;
        for (boolean d : defaulted) {
            m += d ? 1 : 0;
        }
        int n = defaulted.length - m;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException(
                    "DeLong's test needs at least 2 defaulters and 2 non-defaulters, got " + m + " and " + n);
        }
        defaults = m;
        nonDefaults = n;
        Components ca = Components.of(a, defaulted, m, n);
        Components cb = Components.of(b, defaulted, m, n);
        aucA = mean(ca.v10);
        aucB = mean(cb.v10);
        varianceA = covariance(ca.v10, ca.v10) / m + covariance(ca.v01, ca.v01) / n;
        varianceB = covariance(cb.v10, cb.v10) / m + covariance(cb.v01, cb.v01) / n;
        covariance = covariance(ca.v10, cb.v10) / m + covariance(ca.v01, cb.v01) / n;
    }

    /**
     * @param a model A's probabilities of default (not NaN)
     * @param b model B's probabilities of default for the same rows
     * @param defaulted the observed outcome of each row; at least two of each kind
     */
    public static DeLongComparison of(double[] a, double[] b, boolean[] defaulted) {
        requireNumbers(a, "A");
        requireNumbers(b, "B");
        return new DeLongComparison(a, b, defaulted);
    }

    public int defaults() {
        return defaults;
    }

    public int nonDefaults() {
        return nonDefaults;
    }

    /** Model A's AUC (the Mann-Whitney statistic, ties counting one half). */
    public double aucA() {
        return aucA;
    }

    /** Model B's AUC. */
    public double aucB() {
        return aucB;
    }

    /** AUC of B minus AUC of A: positive when B ranks better. */
    public double difference() {
        return aucB - aucA;
    }

    /** The estimated variance of {@link #aucA()}. */
    public double varianceA() {
        return varianceA;
    }

    /** The estimated variance of {@link #aucB()}. */
    public double varianceB() {
        return varianceB;
    }

    /** The estimated covariance of the two AUCs. */
    public double covariance() {
        return covariance;
    }

    /** Standard error of the difference: sqrt(var A + var B - 2 cov), never negative. */
    public double standardError() {
        return Math.sqrt(Math.max(0, varianceA + varianceB - 2 * covariance));
    }

    /**
     * The z statistic of the difference; 0 when the difference is 0 (two models that rank alike), infinite when
     * it is not but its estimated variance is.
     */
    public double z() {
        double difference = difference();
        if (difference == 0) {
            return 0;
        }
        double se = standardError();
        return se == 0 ? Math.copySign(Double.POSITIVE_INFINITY, difference) : difference / se;
    }

    /** Two-sided p-value of the difference (H0: equal AUCs). */
    public double pValue() {
        return StandardNormal.twoSided(z());
    }

    /** The structural components of one model: per defaulter and per non-defaulter. */
    private record Components(double[] v10, double[] v01) {

        static Components of(double[] p, boolean[] defaulted, int m, int n) {
            double[] bad = new double[m];
            double[] good = new double[n];
            for (int i = 0, b = 0, g = 0; i < p.length; i++) {
                if (defaulted[i]) {
                    bad[b++] = p[i];
                } else {
                    good[g++] = p[i];
                }
            }
            double[] sortedBad = bad.clone();
            double[] sortedGood = good.clone();
            Arrays.sort(sortedBad);
            Arrays.sort(sortedGood);
            double[] v10 = new double[m];
            for (int i = 0; i < m; i++) {
                // non-defaulters below the defaulter, ties counting one half
                int below = lowerBound(sortedGood, bad[i]);
                int tied = upperBound(sortedGood, bad[i]) - below;
                v10[i] = (below + tied / 2.0) / n;
            }
            double[] v01 = new double[n];
            for (int j = 0; j < n; j++) {
                // defaulters above the non-defaulter, ties counting one half
                int atMost = upperBound(sortedBad, good[j]);
                int tied = atMost - lowerBound(sortedBad, good[j]);
                v01[j] = (m - atMost + tied / 2.0) / m;
            }
            return new Components(v10, v01);
        }
    }

    /** The first index whose value is not below {@code value} ({@code ==} ties, so -0.0 and 0.0 are one value). */
    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The first index whose value is above {@code value}. */
    private static int upperBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample covariance, divisor length - 1. */
    private static double covariance(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - mx) * (y[i] - my);
        }
        return sum / (x.length - 1);
    }

    private static void requireNumbers(double[] p, String model) {
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                throw new IllegalArgumentException(
                        "probability of default of row " + i + " of model " + model + " is NaN");
            }
        }
    }
}
