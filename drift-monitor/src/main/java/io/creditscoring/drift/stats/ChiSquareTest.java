package io.creditscoring.drift.stats;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Evidently's categorical chi-square test: Pearson's goodness of fit ({@code scipy.stats.chisquare}) of the
 * current category counts against the reference category frequencies scaled to the current size, over the union
 * of categories seen in either sample, with {@code k - 1} degrees of freedom.
 *
 * <p>A category present in the current sample but absent from the reference has an expected count of zero; the
 * statistic is then infinite and the p-value zero, as scipy answers.
 */
public final class ChiSquareTest {

    private ChiSquareTest() {}

    /**
     * @param reference category counts of the reference sample
     * @param current category counts of the current sample
     * @return the chi-square statistic and its p-value
     */
    public static <K extends Comparable<K>> TestOutcome test(Map<K, Long> reference, Map<K, Long> current) {
        Set<K> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        if (keys.size() < 2) {
            throw new IllegalArgumentException("chi-square needs at least two categories, got " + keys);
        }
        double referenceSize = sum(reference);
        double currentSize = sum(current);
        double scale = currentSize / referenceSize;
        double statistic = 0;
        for (K key : keys) {
            double observed = current.getOrDefault(key, 0L);
            double expected = reference.getOrDefault(key, 0L) * scale;
            if (expected == 0) {
                if (observed > 0) {
                    return new TestOutcome(Double.POSITIVE_INFINITY, 0.0);
                }
                continue;
            }
            double diff = observed - expected;
            statistic += diff * diff / expected;
        }
        double p = new ChiSquaredDistribution(null, keys.size() - 1).cumulativeProbability(statistic);
        return new TestOutcome(statistic, Math.max(0.0, 1.0 - p));
    }

    static <K> double sum(Map<K, Long> counts) {
        long total = 0;
        for (long c : counts.values()) {
            total += c;
        }
        return total;
    }
}
