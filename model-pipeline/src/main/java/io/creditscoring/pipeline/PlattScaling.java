package io.creditscoring.pipeline;

/**
 * Platt scaling (Platt 1999): probability = {@code 1 / (1 + exp(-(slope * margin + intercept)))}, a logistic
 * regression of the outcome on the model's margin. It keeps the model's ranking (the slope is positive) and moves
 * and stretches the log-odds.
 *
 * @param slope multiplies the margin; positive
 * @param intercept added to the scaled margin
 */
public record PlattScaling(double slope, double intercept) implements Calibration {

    public PlattScaling {
        if (!(slope > 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException(
                    "Platt scaling needs a finite positive slope and a finite intercept, got " + slope + " and "
                            + intercept);
        }
    }

    @Override
    public double probability(double margin) {
        return PipelineEvaluator.sigmoid(slope * margin + intercept);
    }
}
