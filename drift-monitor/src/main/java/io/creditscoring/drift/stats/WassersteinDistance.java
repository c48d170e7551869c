package io.creditscoring.drift.stats;

/**
 * First Wasserstein (earth mover's) distance between two empirical distributions on the real line, as
 * {@code scipy.stats.wasserstein_distance(u, v)}: the area between the two empirical CDFs,
 * {@code sum |F_u(t_k) - F_v(t_k)| (t_{k+1} - t_k)} over the merged sorted values. Linear in the sample sizes
 * once both are sorted.
 *
 * <p>Evidently's test divides it by {@code max(std(reference), 0.001)} (population standard deviation) and finds
 * drift at 0.1 or more; see {@link #normalised}.
 */
public final class WassersteinDistance {

    /** Evidently's lower bound on the normalising standard deviation. */
    public static final double MIN_NORM = 0.001;

    private WassersteinDistance() {}

    /** The distance between two sorted, NaN-free, non-empty samples. */
    public static double between(double[] sortedU, double[] sortedV) {
        int n = sortedU.length;
        int m = sortedV.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("Wasserstein distance needs two non-empty samples");
        }
        int i = 0;
        int j = 0;
        double area = 0;
        double previous = Math.min(sortedU[0], sortedV[0]);
        while (i < n || j < m) {
            double t = j >= m || (i < n && sortedU[i] <= sortedV[j]) ? sortedU[i] : sortedV[j];
            area += Math.abs((double) i / n - (double) j / m) * (t - previous);
            while (i < n && sortedU[i] <= t) {
                i++;
            }
            while (j < m && sortedV[j] <= t) {
                j++;
            }
            previous = t;
        }
        return area;
    }

    /** The distance divided by {@code max(referenceStd, 0.001)}, Evidently's statistic. */
    public static double normalised(double[] sortedReference, double referenceStd, double[] sortedCurrent) {
        return between(sortedReference, sortedCurrent) / Math.max(referenceStd, MIN_NORM);
    }
}
