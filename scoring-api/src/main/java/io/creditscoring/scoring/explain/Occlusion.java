package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Model-agnostic contributions by occlusion, run on the model's own ONNX session: feature {@code f}'s
 * contribution is {@code logit(p(row)) - logit(p(row with f at its reference))}, where a number's reference is
 * its training median (the pipeline's imputation value, else its centre) and a category's reference is the
 * absent category (the pipeline's all-zero encoding). The row and its occluded copies are scored in one ONNX
 * Runtime call. Interactions are not split between features, so contributions need not add up to the margin.
 */
final class Occlusion implements ReasonExplainer {

    private static final double EPSILON = 1e-12;

    private final Function<List<? extends Map<String, Object>>, double[]> onnx;
    private final List<InputTransform> inputs;
    private final List<String> features;

    Occlusion(Preprocessing preprocessing, Function<List<? extends Map<String, Object>>, double[]> onnx) {
        this.onnx = onnx;
        this.inputs = preprocessing.inputs();
        this.features = inputs.stream().map(InputTransform::feature).toList();
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double[] contributions(Map<String, Object> row) {
        List<Map<String, Object>> rows = new ArrayList<>(inputs.size() + 1);
        rows.add(row);
        for (InputTransform input : inputs) {
            Map<String, Object> occluded = new HashMap<>(row);
            occluded.put(input.feature(), reference(input));
            rows.add(occluded);
        }
        double[] p = onnx.apply(rows);
        double original = logit(p[0]);
        double[] out = new double[inputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = original - logit(p[i + 1]);
        }
        return out;
    }

    private static Object reference(InputTransform input) {
        return switch (input) {
            case NumericInput n -> n.imputeValue() != null ? n.imputeValue() : n.center();
            case CategoricalInput ignored -> null;
        };
    }

    private static double logit(double p) {
        double q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return Math.log(q / (1 - q));
    }
}
