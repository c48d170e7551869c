package io.creditscoring.training.preprocess;

import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import java.util.List;
import java.util.Map;

/**
 * Applies a fitted {@link Preprocessing} to raw rows exactly as its contract (model-pipeline javadoc) says, so that
 * the trainers learn on the very vectors the exported pipeline will compute.
 */
public final class ModelVectorizer {

    private ModelVectorizer() {}

    public static double[] vector(Preprocessing preprocessing, Map<String, ?> row) {
        double[] out = new double[preprocessing.width()];
        int at = 0;
        for (InputTransform input : preprocessing.inputs()) {
            switch (input) {
                case NumericInput n -> {
                    double v = FeatureValues.number(row, n.feature());
                    boolean missing = Double.isNaN(v);
                    if (missing && n.imputeValue() != null) {
                        v = n.imputeValue();
                    }
                    out[at++] = (v - n.center()) / n.scale();
                    if (n.missingIndicator()) {
                        out[at++] = missing ? 1.0 : 0.0;
                    }
                }
                case CategoricalInput c -> {
                    String label = FeatureValues.category(row, c.feature());
                    int index = label == null ? -1 : c.categories().indexOf(label);
                    if (index >= 0) {
                        out[at + index] = 1.0;
                    }
                    at += c.categories().size();
                }
            }
        }
        return out;
    }

    public static double[][] matrix(Preprocessing preprocessing, List<? extends Map<String, ?>> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vector(preprocessing, rows.get(i));
        }
        return x;
    }
}
