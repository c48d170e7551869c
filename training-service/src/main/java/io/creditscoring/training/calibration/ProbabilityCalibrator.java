package io.creditscoring.training.calibration;

import io.creditscoring.pipeline.PlattScaling;

/**
 * Calibrates one model of a run: fits the scaling on the out-of-fold probabilities of its best trial (each training
 * row scored by a fold model that did not see it, so the fit sees the model's errors on new rows rather than on the
 * rows it learnt) and applies it to those and to the refitted model's test probabilities.
 */
public final class ProbabilityCalibrator {

    private ProbabilityCalibrator() {}

    /**
     * @param scaling the fitted scaling, or null when the probabilities are left as the model gives them
     * @param outOfFold the out-of-fold probabilities after calibration
     * @param test the test probabilities after calibration
     * @param note what was done, for the report and the fit details
     */
    public record Result(PlattScaling scaling, double[] outOfFold, double[] test, String note) {}

    /**
     * @param method {@code platt} or {@code none}
     */
    public static Result calibrate(String method, double[] outOfFold, int[] outcomes, double[] test) {
        if (!method.equals("platt")) {
            return new Result(null, outOfFold, test, "none (calibration.method = " + method + ")");
        }
        double[] margins = new double[outOfFold.length];
        for (int i = 0; i < margins.length; i++) {
            margins[i] = PlattScalingFitter.margin(outOfFold[i]);
        }
        return PlattScalingFitter.fit(margins, outcomes)
                .map(platt -> new Result(
                        platt,
                        apply(platt, outOfFold),
                        apply(platt, test),
                        "Platt scaling on " + outOfFold.length + " out-of-fold predictions: slope " + platt.slope()
                                + ", intercept " + platt.intercept()))
                .orElseGet(() -> new Result(
                        null,
                        outOfFold,
                        test,
                        "none: Platt scaling of the out-of-fold predictions would not keep the model's ranking"));
    }

    private static double[] apply(PlattScaling platt, double[] probabilities) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = platt.probability(PlattScalingFitter.margin(probabilities[i]));
        }
        return out;
    }
}
