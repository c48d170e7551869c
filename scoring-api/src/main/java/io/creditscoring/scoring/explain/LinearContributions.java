package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import java.util.List;
import java.util.Map;

/**
 * Exact linear terms of a logistic regression: feature {@code f}'s contribution is
 * {@code sum over f's columns j of w[j] * (x[j] - mean[j])}. Numeric columns are standardised with the training
 * mean as centre, so their training mean is 0 in model space and the term is {@code w[j] * x[j]}; one-hot and
 * missing-indicator columns are measured against 0 (the absent category, a present value), because the
 * pipeline does not record their training frequencies. The contributions plus the intercept (and the constant
 * of the one-hot references) add up to the margin.
 */
final class LinearContributions implements ReasonExplainer {

    private final PipelineEvaluator evaluator;
    private final double[] weights;
    private final int[] owners;
    private final List<String> features;

    LinearContributions(Preprocessing preprocessing, PipelineEvaluator evaluator, LinearModel model) {
        this.evaluator = evaluator;
        this.weights = model.weights().clone();
        this.owners = ReasonExplainer.columnOwners(preprocessing.inputs(), preprocessing.width());
        this.features =
                preprocessing.inputs().stream().map(InputTransform::feature).toList();
        if (weights.length != owners.length) {
            throw new IllegalArgumentException("the linear model has " + weights.length
                    + " weights but the preprocessing writes " + owners.length + " columns");
        }
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double[] contributions(Map<String, Object> row) {
        double[] x = evaluator.vector(row);
        double[] out = new double[features.size()];
        for (int j = 0; j < x.length; j++) {
            out[owners[j]] += weights[j] * x[j];
        }
        return out;
    }
}
