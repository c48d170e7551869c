package io.creditscoring.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How far predicted probabilities of default are from the default rates observed among the rows that got them: the
 * reliability diagram and the expected calibration error (ECE, Naeini et al. 2015; Guo et al. 2017).
 *
 * <p>The probabilities are grouped in {@code bins} equal-width bins {@code [k/B, (k+1)/B)}, the last one closed at 1
 * ({@code sklearn.calibration.calibration_curve(strategy="uniform")} bins alike, except that it puts a probability
 * lying exactly on an inner boundary in the lower bin). Per bin: its rows, their mean
 * predicted probability and their observed default rate. The ECE is the mean over rows of the gap of their bin,
 * {@code sum_b (n_b / N) |mean predicted_b - observed rate_b|}; the MCE is the largest gap of a bin with rows. Both are
 * NaN for no rows.
 */
public final class CalibrationError {

    /**
     * One bin of the reliability diagram.
     *
     * @param meanPredicted NaN for a bin without rows
     * @param observedRate NaN for a bin without rows
     */
    public record Bin(double lower, double upper, int rows, double meanPredicted, double observedRate) {}

    private final List<Bin> bins;
    private final double expected;
    private final double maximum;

    private CalibrationError(List<Bin> bins, double expected, double maximum) {
        this.bins = List.copyOf(bins);
        this.expected = expected;
        this.maximum = maximum;
    }

    /**
     * @param probabilities predicted probabilities of default, in [0, 1]
     * @param outcomes 1 for a default, 0 otherwise, in the same order
     * @param bins how many equal-width bins (10 is usual)
     */
    public static CalibrationError of(double[] probabilities, int[] outcomes, int bins) {
        if (probabilities.length != outcomes.length) {
            throw new IllegalArgumentException(
                    probabilities.length + " probabilities but " + outcomes.length + " outcomes");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("the reliability diagram needs at least one bin, got " + bins);
        }
        int[] rows = new int[bins];
        double[] predicted = new double[bins];
        int[] defaults = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + p + " of row " + i + " is not in [0, 1]");
            }
            int bin = Math.min((int) (p * bins), bins - 1);
            rows[bin]++;
            predicted[bin] += p;
            defaults[bin] += outcomes[i] == 1 ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>();
        double weightedGap = 0;
        double maximum = Double.NaN;
        for (int b = 0; b < bins; b++) {
            double mean = rows[b] == 0 ? Double.NaN : predicted[b] / rows[b];
            double rate = rows[b] == 0 ? Double.NaN : defaults[b] / (double) rows[b];
            out.add(new Bin(b / (double) bins, (b + 1) / (double) bins, rows[b], mean, rate));
            if (rows[b] > 0) {
                double gap = Math.abs(mean - rate);
                weightedGap += rows[b] * gap;
                maximum = Double.isNaN(maximum) ? gap : Math.max(maximum, gap);
            }
        }
        double expected = probabilities.length == 0 ? Double.NaN : weightedGap / probabilities.length;
        return new CalibrationError(out, expected, maximum);
    }

    /** Every bin, rows or not, lowest first. */
    public List<Bin> bins() {
        return bins;
    }

    /** The expected calibration error (ECE). */
    public double expected() {
        return expected;
    }

    /** The maximum calibration error (MCE): the largest gap of a bin with rows. */
    public double maximum() {
        return maximum;
    }
}
