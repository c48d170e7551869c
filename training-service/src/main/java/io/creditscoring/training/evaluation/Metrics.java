package io.creditscoring.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Classification metrics of probabilities of default against outcomes (1 = defaulted). AUC is the Mann-Whitney
 * statistic with ties counted half; KS the largest gap between the cumulative score distributions of defaults and
 * non-defaults; log loss clips probabilities to [1e-15, 1 - 1e-15].
 */
public final class Metrics {

    private Metrics() {}

    public static ModelMetrics evaluate(int[] y, double[] p, double threshold) {
        Confusion c = confusion(y, p, threshold);
        double auc = auc(y, p);
        double precision = c.tp() + c.fp() == 0 ? 0 : c.tp() / (double) (c.tp() + c.fp());
        double recall = c.tp() + c.fn() == 0 ? 0 : c.tp() / (double) (c.tp() + c.fn());
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ModelMetrics(
                auc,
                2 * auc - 1,
                ks(y, p),
                brier(y, p),
                logLoss(y, p),
                f1,
                precision,
                recall,
                threshold,
                c,
                calibration(y, p, 10),
                roc(y, p, 200));
    }

    public static double auc(int[] y, double[] p) {
        Integer[] idx = sortedIndices(p);
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && p[idx[j + 1]] == p[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[idx[k]] == 1) {
                    rankSumPositives += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = y.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    public static double ks(int[] y, double[] p) {
        Integer[] idx = sortedIndices(p);
        long positives = Arrays.stream(y).filter(v -> v == 1).count();
        long negatives = y.length - positives;
        double best = 0;
        double cumPos = 0;
        double cumNeg = 0;
        for (int i = 0; i < idx.length; i++) {
            if (y[idx[i]] == 1) {
                cumPos++;
            } else {
                cumNeg++;
            }
            if (i + 1 == idx.length || p[idx[i + 1]] != p[idx[i]]) {
                best = Math.max(best, Math.abs(cumNeg / negatives - cumPos / positives));
            }
        }
        return best;
    }

    public static double brier(int[] y, double[] p) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return sum / y.length;
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

    /** At most {@code points + 1} points of the ROC curve, from (0, 0) to (1, 1). */
    public static List<double[]> roc(int[] y, double[] p, int points) {
        Integer[] idx = sortedIndices(p);
        long positives = Arrays.stream(y).filter(v -> v == 1).count();
        long negatives = y.length - positives;
        List<double[]> all = new ArrayList<>();
        all.add(new double[] {0, 0});
        double tp = 0;
        double fp = 0;
        for (int i = idx.length - 1; i >= 0; i--) {
            if (y[idx[i]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i == 0 || p[idx[i - 1]] != p[idx[i]]) {
                all.add(new double[] {fp / Math.max(1, negatives), tp / Math.max(1, positives)});
            }
        }
        if (all.size() <= points + 1) {
            return all;
        }
        List<double[]> thinned = new ArrayList<>();
        for (int k = 0; k <= points; k++) {
            thinned.add(all.get((int) ((long) k * (all.size() - 1) / points)));
        }
        return thinned;
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
