package io.creditscoring.drift.stats;

import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Evidently's two-proportion Z-test, for columns with at most two values: the share of one category in the
 * reference ({@code p1}) and in the current sample ({@code p2}) with the pooled share {@code P},
 * {@code z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2))}, two-sided {@code p = 2 (1 - Phi(|z|))}.
 *
 * <p>Evidently takes "the first" category of a Python set, which is unspecified; with two categories in total
 * the two-sided test is the same whichever is taken. This implementation takes the smallest category in natural
 * order, which also makes the rare case of three categories in the union (one new in the current sample)
 * deterministic. When both samples hold the same single value, {@code p = 1} and {@code z = 0}.
 */
public final class ProportionZTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private ProportionZTest() {}

    public static <K extends Comparable<K>> TestOutcome test(Map<K, Long> reference, Map<K, Long> current) {
        TreeSet<K> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Z-test needs at least one value");
        }
        if (keys.size() == 1) {
            return new TestOutcome(0.0, 1.0);
        }
        K first = keys.first();
        double n1 = ChiSquareTest.sum(reference);
        double n2 = ChiSquareTest.sum(current);
        // Evidently codes the first category as 0 and every other as 1, and compares the shares of 1
        double p1 = (n1 - reference.getOrDefault(first, 0L)) / n1;
        double p2 = (n2 - current.getOrDefault(first, 0L)) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double p = 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
        return new TestOutcome(z, p);
    }
}
