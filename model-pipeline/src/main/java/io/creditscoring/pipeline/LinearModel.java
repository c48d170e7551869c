package io.creditscoring.pipeline;

/**
 * Logistic regression: margin = {@code intercept + sum(weights[j] * x[j])}.
 *
 * @param weights one weight per model-vector column
 * @param intercept the bias term
 */
public record LinearModel(double[] weights, double intercept) implements ModelSpec {}
