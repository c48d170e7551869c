package io.creditscoring.pipeline;

import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a fitted {@link Preprocessing} to feature values, exactly as its transforms' javadoc defines it: the one
 * place where the model vector is built, used by training (the vectors the trainers learn on), the reference
 * {@link PipelineEvaluator} and the explainers. Values are read with the feature contract's
 * {@link Strictness#READ} reading ({@link RawValues#number}, {@link RawValues#label}): they were cleaned by ingestion
 * or scoring before. Thread-safe once built.
 */
public final class Vectorizer {

    private final List<InputTransform> inputs;
    private final int width;
    private final Map<InputTransform, Map<String, Integer>> categoryColumns = new IdentityHashMap<>();

    public Vectorizer(Preprocessing preprocessing) {
        this.inputs = preprocessing.inputs();
        this.width = preprocessing.width();
        for (InputTransform input : inputs) {
            if (input instanceof CategoricalInput c) {
                Map<String, Integer> columns = new HashMap<>();
                for (int i = 0; i < c.categories().size(); i++) {
                    columns.putIfAbsent(c.categories().get(i), i);
                }
                categoryColumns.put(c, columns);
            }
        }
    }

    /** Number of columns of the model vector. */
    public int width() {
        return width;
    }

    /** The model vector of one row of feature values. */
    public double[] vector(Map<String, ?> features) {
        double[] x = new double[width];
        int at = 0;
        for (InputTransform input : inputs) {
            Object raw = features.get(input.feature());
            switch (input) {
                case NumericInput n -> {
                    double value = RawValues.number(raw);
                    boolean missing = Double.isNaN(value);
                    if (missing && n.imputeValue() != null) {
                        value = n.imputeValue();
                    }
                    x[at++] = (value - n.center()) / n.scale();
                    if (n.missingIndicator()) {
                        x[at++] = missing ? 1.0 : 0.0;
                    }
                }
                case CategoricalInput c -> {
                    String label = RawValues.label(raw);
                    Integer hot = label == null ? null : categoryColumns.get(c).get(label);
                    if (hot != null) {
                        x[at + hot] = 1.0;
                    }
                    at += c.categories().size();
                }
            }
        }
        return x;
    }

    /** The model vectors of many rows, in order. */
    public double[][] matrix(List<? extends Map<String, ?>> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vector(rows.get(i));
        }
        return x;
    }
}
