package io.creditscoring.training.evaluation;

import io.creditscoring.metrics.ProbabilityMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A model's test-split metrics: the ranking metrics, the ROC curve and Brier come from {@link ProbabilityMetrics}
 * (the platform's one implementation, shared with drift monitoring and the reports); what only training needs is
 * here: log loss (probabilities clipped to [1e-15, 1 - 1e-15]), the confusion matrix, precision, recall and F1 at a
 * threshold, the F1-optimal threshold and calibration deciles.
 */
public final class Metrics {

    private Metrics() {}

    public static ModelMetrics evaluate(int[] y, double[] p, double threshold) {
        ProbabilityMetrics ranking = ProbabilityMetrics.of(p, y);
        Confusion c = confusion(y, p, threshold);
        double precision = c.tp() + c.fp() == 0 ? 0 : c.tp() / (double) (c.tp() + c.fp());
        double recall = c.tp() + c.fn() == 0 ? 0 : c.tp() / (double) (c.tp() + c.fn());
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ModelMetrics(
                ranking.auc(),
                ranking.gini(),
                ranking.ks(),
                ranking.brier(),
                logLoss(y, p),
                f1,
                precision,
                recall,
                threshold,
                c,
                calibration(y, p, 10),
                ranking.rocCurve(200));
    }

    /** AUC of a split (a fold, early stopping, the champion on a new test split); NaN without both classes. */
    public static double auc(int[] y, double[] p) {
        return ProbabilityMetrics.of(p, y).auc();
    }

    public static double logLoss(int[] y, double[] p) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return sum / y.length;
    }

    public static Confusion confusion(int[] y, double[] p, double threshold) {
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean predicted = p[i] >= threshold;
            if (predicted && y[i] == 1) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (y[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** The threshold among the predicted probabilities that maximises F1. */
    public static double f1OptimalThreshold(int[] y, double[] p) {
        Integer[] idx = sortedIndices(p);
        long positives = Arrays.stream(y).filter(v -> v == 1).count();
        double bestF1 = -1;
        double bestThreshold = 0.5;
        int tpAbove = 0;
        int fpAbove = 0;
        // walk from the highest probability down: every row at or above p[idx[i]] is predicted a default
        for (int i = idx.length - 1; i >= 0; i--) {
            if (y[idx[i]] == 1) {
                tpAbove++;
            } else {
                fpAbove++;
            }
            if (i > 0 && p[idx[i - 1]] == p[idx[i]]) {
                continue;
            }
            double precision = tpAbove / (double) (tpAbove + fpAbove);
            double recall = positives == 0 ? 0 : tpAbove / (double) positives;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = p[idx[i]];
            }
        }
        return bestThreshold;
    }

    /** Mean predicted probability against observed default rate in equal-count bins of the probability. */
    public static List<CalibrationBin> calibration(int[] y, double[] p, int bins) {
        Integer[] idx = sortedIndices(p);
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * idx.length / bins);
            int to = (int) ((long) (b + 1) * idx.length / bins);
            if (to <= from) {
                continue;
            }
            double predicted = 0;
            int defaults = 0;
            for (int k = from; k < to; k++) {
                predicted += p[idx[k]];
                defaults += y[idx[k]];
            }
            out.add(new CalibrationBin(b + 1, to - from, predicted / (to - from), defaults / (double) (to - from)));
        }
        return out;
    }

    private static Integer[] sortedIndices(double[] p) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        return idx;
    }

    /** Counts at the decision threshold (predicted default when probability >= threshold). */
    public record Confusion(int tp, int fp, int tn, int fn) {}

    /** One calibration bin (decile by default). */
    public record CalibrationBin(int bin, int rows, double meanPredicted, double observedRate) {}
}
