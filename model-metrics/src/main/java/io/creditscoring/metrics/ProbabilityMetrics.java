package io.creditscoring.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well predicted probabilities of default match observed outcomes: the one implementation of AUC, Gini, KS
 * (with its curve), the ROC curve and the Brier score, used by training (test and validation splits), drift
 * monitoring (matured outcomes) and the reports.
 *
 * <p>The rows are grouped once by distinct probability, in rising order; rows with equal probabilities (compared with
 * {@code ==}, so {@code -0.0} and {@code 0.0} are one group) form one tie group, and every ranking metric treats a
 * tie group as one step:
 *
 * <ul>
 *   <li><b>AUC</b> is the Mann-Whitney statistic: the share of (defaulter, non-defaulter) pairs in which the
 *       defaulter has the higher probability, a tied pair counting one half. This equals the rank-sum formula with
 *       average ranks and {@code sklearn.metrics.roc_auc_score}. <b>Gini</b> = 2 AUC - 1.
 *   <li><b>KS</b> is the credit-scoring Kolmogorov-Smirnov separation, {@code max_t |F_bad(t) - F_good(t)|} over the
 *       cumulative shares of defaulters and non-defaulters scoring at most {@code t}, taken after each tie group,
 *       which is {@code scipy.stats.ks_2samp(bad, good).statistic}.
 *   <li><b>Brier</b> is the mean of {@code (p - y)^2}.
 * </ul>
 *
 * AUC, Gini and KS are NaN when one of the two outcomes is absent; every metric is NaN for no rows. Comparing two
 * models' AUCs on the same rows is {@link DeLongComparison}'s; calibration is {@link CalibrationError}'s.
 */
public final class ProbabilityMetrics {

    /** The distinct probabilities, rising. */
    private final double[] values;
    /** Defaulters and non-defaulters per distinct probability. */
    private final int[] defaultsAt;

    private final int[] nonDefaultsAt;
    private final int defaults;
    private final int rows;
    private final double brier;

    private ProbabilityMetrics(double[] probabilities, boolean[] defaulted) {
        if (probabilities.length != defaulted.length) {
            throw new IllegalArgumentException("got " + probabilities.length + " probabilities for " + defaulted.length
                    + " outcomes; they must pair up");
        }
        rows = probabilities.length;
        int bad = 0;
        double squares = 0;
        for (int i = 0; i < rows; i++) {
            double p = probabilities[i];
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException("probability of default of row " + i + " is NaN");
            }
            bad += defaulted[i] ? 1 : 0;
            double error = p - (defaulted[i] ? 1 : 0);
            squares += error * error;
        }
        defaults = bad;
        brier = squares / rows;
        double[] badScores = new double[bad];
        double[] goodScores = new double[rows - bad];
        for (int i = 0, b = 0, g = 0; i < rows; i++) {
            if (defaulted[i]) {
                badScores[b++] = probabilities[i];
            } else {
                goodScores[g++] = probabilities[i];
            }
        }
        Arrays.sort(badScores);
        Arrays.sort(goodScores);
        // merge the two sorted samples into tie groups
        double[] v = new double[rows];
        int[] db = new int[rows];
        int[] dg = new int[rows];
        int groups = 0;
        int b = 0;
        int g = 0;
        while (b < badScores.length || g < goodScores.length) {
            double value = b == badScores.length
                    ? goodScores[g]
                    : g == goodScores.length ? badScores[b] : Math.min(badScores[b], goodScores[g]);
            int tiedBad = 0;
            while (b < badScores.length && badScores[b] == value) {
                b++;
                tiedBad++;
            }
            int tiedGood = 0;
            while (g < goodScores.length && goodScores[g] == value) {
                g++;
                tiedGood++;
            }
            v[groups] = value;
            db[groups] = tiedBad;
            dg[groups] = tiedGood;
            groups++;
        }
        values = Arrays.copyOf(v, groups);
        defaultsAt = Arrays.copyOf(db, groups);
        nonDefaultsAt = Arrays.copyOf(dg, groups);
    }

    /**
     * @param probabilities predicted probabilities of default (not NaN)
     * @param defaulted the observed outcome of each row
     */
    public static ProbabilityMetrics of(double[] probabilities, boolean[] defaulted) {
        return new ProbabilityMetrics(probabilities, defaulted);
    }

    /**
     * @param probabilities predicted probabilities of default (not NaN)
     * @param outcomes the observed outcome of each row: 1 defaulted, 0 did not
     */
    public static ProbabilityMetrics of(double[] probabilities, int[] outcomes) {
        boolean[] defaulted = new boolean[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != 0 && outcomes[i] != 1) {
                throw new IllegalArgumentException(
                        "outcome of row " + i + " is " + outcomes[i] + "; outcomes are 1 (defaulted) or 0");
            }
            defaulted[i] = outcomes[i] == 1;
        }
        return new ProbabilityMetrics(probabilities, defaulted);
    }

    public int rows() {
        return rows;
    }

    public int defaults() {
        return defaults;
    }

    public int nonDefaults() {
        return rows - defaults;
    }

    /** Area under the ROC curve, ties counting one half; NaN without both outcomes. */
    public double auc() {
        if (!bothOutcomes()) {
            return Double.NaN;
        }
        // pairs won by defaulters, in halves so that every partial sum stays an exact integer in a double
        double halfWins = 0;
        long nonDefaultsBelow = 0;
        for (int k = 0; k < values.length; k++) {
            halfWins += defaultsAt[k] * (2.0 * nonDefaultsBelow + nonDefaultsAt[k]);
            nonDefaultsBelow += nonDefaultsAt[k];
        }
        return halfWins / 2 / ((double) defaults * nonDefaults());
    }

    /** 2 AUC - 1. */
    public double gini() {
        return 2 * auc() - 1;
    }

    /** Largest gap between the cumulative shares of defaulters and non-defaulters; NaN without both outcomes. */
    public double ks() {
        if (!bothOutcomes()) {
            return Double.NaN;
        }
        double widest = 0;
        long bad = 0;
        long good = 0;
        for (int k = 0; k < values.length; k++) {
            bad += defaultsAt[k];
            good += nonDefaultsAt[k];
            widest = Math.max(widest, Math.abs(good / (double) nonDefaults() - bad / (double) defaults));
        }
        return widest;
    }

    /** Mean squared difference between probability and outcome (1 defaulted, 0 not). */
    public double brier() {
        return brier;
    }

    /**
     * The KS chart: after each tie group in rising probability, the share of all rows, of defaulters and of
     * non-defaulters scoring at most that probability, from (0, 0, 0) to (1, 1, 1); when there are more than
     * {@code maxPoints + 1}, that many evenly spaced by group plus the widest gap (whose {@link KsPoint#gap()} is
     * {@link #ks()}). The shares of an absent outcome stay 0.
     */
    public KsCurve ksCurve(int maxPoints) {
        requirePoints(maxPoints);
        List<KsPoint> all = new ArrayList<>(values.length + 1);
        all.add(new KsPoint(0, 0, 0));
        KsPoint widest = all.getFirst();
        long bad = 0;
        long good = 0;
        for (int k = 0; k < values.length; k++) {
            bad += defaultsAt[k];
            good += nonDefaultsAt[k];
            KsPoint point = new KsPoint(
                    (bad + good) / (double) rows,
                    bad / (double) Math.max(1, defaults),
                    good / (double) Math.max(1, nonDefaults()));
            all.add(point);
            if (point.gap() > widest.gap()) {
                widest = point;
            }
        }
        return new KsCurve(thin(all, maxPoints, widest), widest);
    }

    /**
     * The ROC curve: (false positive rate, true positive rate) after each tie group in falling probability, from
     * (0, 0) to (1, 1); at most {@code maxPoints + 1} points, evenly spaced by group when there are more. The rate
     * of an absent outcome stays 0.
     */
    public List<RocPoint> rocCurve(int maxPoints) {
        requirePoints(maxPoints);
        List<RocPoint> all = new ArrayList<>(values.length + 1);
        all.add(new RocPoint(0, 0));
        long truePositives = 0;
        long falsePositives = 0;
        for (int k = values.length - 1; k >= 0; k--) {
            truePositives += defaultsAt[k];
            falsePositives += nonDefaultsAt[k];
            all.add(new RocPoint(
                    falsePositives / (double) Math.max(1, nonDefaults()),
                    truePositives / (double) Math.max(1, defaults)));
        }
        if (all.size() - 1 <= maxPoints) {
            return all;
        }
        List<RocPoint> thinned = new ArrayList<>(maxPoints + 1);
        for (int k = 0; k <= maxPoints; k++) {
            thinned.add(all.get((int) ((long) k * (all.size() - 1) / maxPoints)));
        }
        return thinned;
    }

    private static List<KsPoint> thin(List<KsPoint> all, int maxPoints, KsPoint keep) {
        if (all.size() - 1 <= maxPoints) {
            return all;
        }
        List<KsPoint> thinned = new ArrayList<>(maxPoints + 2);
        for (int k = 0; k <= maxPoints; k++) {
            KsPoint point = all.get((int) ((long) k * (all.size() - 1) / maxPoints));
            if (!thinned.isEmpty()
                    && thinned.getLast().population() < keep.population()
                    && point.population() > keep.population()) {
                thinned.add(keep);
            }
            thinned.add(point);
        }
        return thinned;
    }

    private static void requirePoints(int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("a curve needs at least 1 step, got maxPoints " + maxPoints);
        }
    }

    private boolean bothOutcomes() {
        return defaults > 0 && defaults < rows;
    }

    /**
     * One point of the KS chart.
     *
     * @param population share of all rows scoring at most this point's probability
     * @param defaults share of defaulters among them (cumulative)
     * @param nonDefaults share of non-defaulters among them (cumulative)
     */
    public record KsPoint(double population, double defaults, double nonDefaults) {

        /** |defaults - nonDefaults|, the separation at this point. */
        public double gap() {
            return Math.abs(nonDefaults - defaults);
        }
    }

    /**
     * @param points the (possibly thinned) curve, rising
     * @param widest the point of largest separation: its gap is the KS
     */
    public record KsCurve(List<KsPoint> points, KsPoint widest) {}

    /**
     * One point of the ROC curve.
     *
     * @param falsePositiveRate share of non-defaulters at or above the threshold
     * @param truePositiveRate share of defaulters at or above the threshold
     */
    public record RocPoint(double falsePositiveRate, double truePositiveRate) {}
}
