package io.creditscoring.drift.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well predicted probabilities separate defaulters from the others, on matured outcomes.
 *
 * <p>AUC is the Mann-Whitney statistic with ties counted as one half (average ranks), as
 * {@code sklearn.metrics.roc_auc_score}. KS is the largest gap between the cumulative score distributions of
 * defaulters and non-defaulters, {@code max_t |F_bad(t) - F_good(t)|}, the credit-scoring KS.
 *
 * @param rows rows with an outcome
 * @param defaults how many defaulted
 * @param auc area under the ROC curve
 * @param ks Kolmogorov-Smirnov separation
 */
public record Discrimination(int rows, int defaults, double auc, double ks) {

    /** Needs at least one defaulter and one non-defaulter. */
    public static Discrimination of(double[] probabilities, boolean[] defaulted) {
        int n = probabilities.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        long bad = 0;
        for (boolean d : defaulted) {
            if (d) {
                bad++;
            }
        }
        long good = n - bad;
        if (bad == 0 || good == 0) {
            throw new IllegalArgumentException("discrimination needs both outcomes, got " + bad + " defaults in " + n);
        }
        double rankSumBad = 0;
        long seenBad = 0;
        long seenGood = 0;
        double ks = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            double value = probabilities[order[i]];
            while (i < n && probabilities[order[i]] == value) {
                i++;
            }
            double averageRank = (start + 1 + i) / 2.0;
            for (int k = start; k < i; k++) {
                if (defaulted[order[k]]) {
                    rankSumBad += averageRank;
                    seenBad++;
                } else {
                    seenGood++;
                }
            }
            ks = Math.max(ks, Math.abs((double) seenBad / bad - (double) seenGood / good));
        }
        double auc = (rankSumBad - bad * (bad + 1) / 2.0) / ((double) bad * good);
        return new Discrimination(n, (int) bad, auc, ks);
    }
}
