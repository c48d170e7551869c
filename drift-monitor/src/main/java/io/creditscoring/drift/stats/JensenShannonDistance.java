package io.creditscoring.drift.stats;

import java.util.Map;
import java.util.TreeSet;

/**
 * Jensen-Shannon distance with the natural logarithm, as {@code scipy.spatial.distance.jensenshannon(p, q)}:
 * {@code sqrt((KL(p || m) + KL(q || m)) / 2)} with {@code m = (p + q) / 2}. Its largest value is
 * {@code sqrt(ln 2)}, about 0.833.
 *
 * <p>Evidently applies it to the category shares of the two samples over the union of their values (numeric
 * columns with few values are treated as categories), without smoothing empty categories, and finds drift at
 * 0.1 or more.
 */
public final class JensenShannonDistance {

    private JensenShannonDistance() {}

    /** Distance between two category count tables, compared over the union of their keys. */
    public static <K extends Comparable<K>> double between(Map<K, Long> reference, Map<K, Long> current) {
        TreeSet<K> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        double[] p = new double[keys.size()];
        double[] q = new double[keys.size()];
        int k = 0;
        for (K key : keys) {
            p[k] = reference.getOrDefault(key, 0L);
            q[k] = current.getOrDefault(key, 0L);
            k++;
        }
        return between(p, q);
    }

    /** Distance between two non-negative weight vectors of equal length; each is normalised to sum to one. */
    public static double between(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("distributions of different lengths: " + p.length + ", " + q.length);
        }
        double sp = 0;
        double sq = 0;
        for (int k = 0; k < p.length; k++) {
            sp += p[k];
            sq += q[k];
        }
        double divergence = 0;
        for (int k = 0; k < p.length; k++) {
            double pk = p[k] / sp;
            double qk = q[k] / sq;
            double mk = (pk + qk) / 2;
            divergence += relativeEntropy(pk, mk) + relativeEntropy(qk, mk);
        }
        return Math.sqrt(Math.max(0.0, divergence / 2));
    }

    private static double relativeEntropy(double x, double y) {
        return x > 0 ? x * Math.log(x / y) : 0.0;
    }
}
