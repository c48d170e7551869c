package io.creditscoring.spark;

import java.util.Arrays;

/**
 * The fold AUCs and their mean by which the job picks the best trial of a search to refit. The same numbers as the
 * training service's ({@code ProbabilityMetrics.auc} of model-metrics, compiled for Java 25 and so not on this job's
 * class path, and {@code CrossValidationScore}'s mean): the Mann-Whitney statistic counted exactly in half pairs, a
 * tied pair one half, divided in the same order, and the mean summed fold by fold as {@code auc / k}. Equal to the last
 * bit, so the service's check that the job refitted the trial its own rule picks never trips on rounding (a test of
 * the service compares the two).
 */
public final class FoldAucs {

    private FoldAucs() {}

    /**
     * Each fold's AUC on the rows it held out.
     *
     * @param labels each training row's label (1 = defaulted), in row order
     * @param folds each training row's fold
     * @param outOfFold each training row's probability from the fold model that held it out
     */
    public static double[] of(int[] labels, int[] folds, double[] outOfFold, int k) {
        if (labels.length != folds.length || labels.length != outOfFold.length) {
            throw new IllegalArgumentException("got " + outOfFold.length + " probabilities for " + labels.length
                    + " labels and " + folds.length + " folds");
        }
        double[] aucs = new double[k];
        for (int f = 0; f < k; f++) {
            int defaults = 0;
            int rows = 0;
            for (int i = 0; i < folds.length; i++) {
                if (folds[i] == f) {
                    rows++;
                    defaults += labels[i];
                }
            }
            double[] bad = new double[defaults];
            double[] good = new double[rows - defaults];
            for (int i = 0, b = 0, g = 0; i < folds.length; i++) {
                if (folds[i] == f) {
                    if (labels[i] == 1) {
                        bad[b++] = outOfFold[i];
                    } else {
                        good[g++] = outOfFold[i];
                    }
                }
            }
            aucs[f] = auc(bad, good);
        }
        return aucs;
    }

    /** The mean of the fold AUCs, added as the service adds them. */
    public static double mean(double[] aucs) {
        double mean = 0;
        for (double auc : aucs) {
            mean += auc / aucs.length;
        }
        return mean;
    }

    /** Defaulters' probabilities against non-defaulters': the share of pairs the defaulter ranks higher. */
    static double auc(double[] bad, double[] good) {
        if (bad.length == 0 || good.length == 0) {
            return Double.NaN;
        }
        double[] b = bad.clone();
        double[] g = good.clone();
        Arrays.sort(b);
        Arrays.sort(g);
        // pairs won by defaulters, in halves: every partial sum an exact integer in a double
        double halfWins = 0;
        long goodBelow = 0;
        int i = 0;
        int j = 0;
        while (i < b.length || j < g.length) {
            double value = i == b.length ? g[j] : j == g.length ? b[i] : Math.min(b[i], g[j]);
            int tiedBad = 0;
            while (i < b.length && b[i] == value) {
                i++;
                tiedBad++;
            }
            int tiedGood = 0;
            while (j < g.length && g[j] == value) {
                j++;
                tiedGood++;
            }
            halfWins += tiedBad * (2.0 * goodBelow + tiedGood);
            goodBelow += tiedGood;
        }
        return halfWins / 2 / ((double) b.length * g.length);
    }
}
