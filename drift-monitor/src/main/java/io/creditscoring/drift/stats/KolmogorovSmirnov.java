package io.creditscoring.drift.stats;

import java.util.Arrays;

/**
 * Two-sample, two-sided Kolmogorov-Smirnov test with scipy's {@code ks_2samp(x, y, method='auto')} semantics.
 *
 * <p>The statistic {@code D = max |F_x(t) - F_y(t)|} is computed from integer counts, so ties are handled
 * exactly. The p-value follows scipy's automatic mode:
 *
 * <ul>
 *   <li><b>exact</b> when {@code max(n, m) <= 10,000}: {@code P(D_nm >= d)} under the null, computed as one
 *       minus the probability that a uniformly random lattice path from (0, 0) to (n, m) stays strictly inside
 *       the band {@code |i/n - j/m| < d}. The path probability is propagated step by step (each cell holds a
 *       probability, never a binomial count), so no rescaling is needed; scipy counts paths and rescales, which
 *       is the same quantity.
 *   <li><b>asymptotic</b> otherwise: the one-sample Kolmogorov distribution at {@code en = round(nm/(n+m))}
 *       (scipy's {@code kstwo.sf(d, round(en))}), evaluated with Commons Math's
 *       {@link org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest#cdf(double, int)}.
 * </ul>
 *
 * Commons Math's own two-sample {@code kolmogorovSmirnovTest(x, y)} is not used: it switches to the limiting
 * distribution already at {@code n*m >= 10,000} and breaks ties by random jitter, so its p-values differ from
 * scipy's.
 */
public final class KolmogorovSmirnov {

    /** scipy's {@code MAX_AUTO_N}: largest sample size for which 'auto' chooses the exact distribution. */
    public static final int MAX_EXACT_SIZE = 10_000;

    private static final org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest ONE_SAMPLE =
            new org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest();

    private KolmogorovSmirnov() {}

    /**
     * Tests whether two samples come from the same continuous distribution.
     *
     * @param sortedX the first sample, sorted ascending, without NaN
     * @param sortedY the second sample, sorted ascending, without NaN
     * @return D and the two-sided p-value
     */
    public static TestOutcome test(double[] sortedX, double[] sortedY) {
        int n = sortedX.length;
        int m = sortedY.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException(
                    "Kolmogorov-Smirnov needs two non-empty samples, got " + n + " and " + m);
        }
        long numerator = statisticNumerator(sortedX, sortedY);
        double d = numerator / ((double) n * m);
        double p;
        if (Math.max(n, m) <= MAX_EXACT_SIZE) {
            p = numerator == 0 ? 1.0 : 1.0 - probabilityInsideBand(n, m, numerator);
        } else {
            double en = Math.rint((double) n * m / ((double) n + m));
            p = 1.0 - ONE_SAMPLE.cdf(d, (int) en);
        }
        return new TestOutcome(d, Math.min(1.0, Math.max(0.0, p)));
    }

    /** {@code max_t |i(t)*m - j(t)*n|}, i.e. D times n*m, where i and j count the values at or below t. */
    static long statisticNumerator(double[] x, double[] y) {
        int n = x.length;
        int m = y.length;
        int i = 0;
        int j = 0;
        long best = 0;
        while (i < n || j < m) {
            double t = j >= m || (i < n && x[i] <= y[j]) ? x[i] : y[j];
            while (i < n && x[i] <= t) {
                i++;
            }
            while (j < m && y[j] <= t) {
                j++;
            }
            best = Math.max(best, Math.abs((long) i * m - (long) j * n));
        }
        return best;
    }

    /**
     * Probability that a random path of n steps right and m steps up keeps {@code |i*m - j*n| < bound} at every
     * point. The band is the set of points where the empirical CDFs differ by less than the observed D.
     */
    static double probabilityInsideBand(int n, int m, long bound) {
        // previous[j] / current[j]: probability of reaching (i, j) without leaving the band
        double[] previous = new double[m + 1];
        double[] current = new double[m + 1];
        previous[0] = 1.0;
        for (int j = 1; j <= m; j++) {
            // from (0, j-1): n steps right and m-j+1 up remain
            previous[j] = (long) j * n < bound ? previous[j - 1] * (m - j + 1) / (double) (n + m - j + 1) : 0.0;
        }
        for (int i = 1; i <= n; i++) {
            Arrays.fill(current, 0.0);
            long centre = (long) i * m; // (i, j) is inside when |centre - j*n| < bound
            int low = (int) Math.max(0, Math.floorDiv(centre - bound, n) + 1);
            int high = (int) Math.min(m, ceilDiv(centre + bound, n) - 1);
            for (int j = low; j <= high; j++) {
                // from (i-1, j): n-i+1 right and m-j up remain; from (i, j-1): n-i right and m-j+1 up remain
                double right = previous[j] * (n - i + 1) / (double) (n - i + 1 + m - j);
                double up = j == 0 ? 0.0 : current[j - 1] * (m - j + 1) / (double) (n - i + m - j + 1);
                current[j] = right + up;
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[m];
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
