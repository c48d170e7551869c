package io.creditscoring.drift.stats;

import java.util.ArrayList;
import java.util.List;

/** Evaluates a window against a prepared reference: every column's test, the dataset verdict and the score PSI. */
public final class DriftEvaluator {

    private DriftEvaluator() {}

    /**
     * The result of comparing one window with the reference.
     *
     * @param dataset the per-feature and dataset verdicts
     * @param score the PSI of the predicted probability
     */
    public record Assessment(DatasetDrift dataset, ScoreStability score) {}

    /**
     * @param reference the prepared reference
     * @param current the window
     * @param shareThreshold share of drifted columns at which the dataset drifts (Evidently: 0.5)
     */
    public static Assessment evaluate(ReferenceProfile reference, CurrentSample current, double shareThreshold) {
        List<FeatureDrift> features = new ArrayList<>(reference.columns().size());
        for (ReferenceColumn column : reference.columns()) {
            switch (column) {
                case ReferenceColumn.Numeric numeric -> {
                    double[] values = current.numeric().get(numeric.name());
                    if (values != null) {
                        ColumnDriftDetector.numeric(numeric, values).ifPresent(features::add);
                    }
                }
                case ReferenceColumn.Categorical categorical -> {
                    String[] values = current.categorical().get(categorical.name());
                    if (values != null) {
                        ColumnDriftDetector.categorical(categorical, values).ifPresent(features::add);
                    }
                }
            }
        }
        return new Assessment(
                DatasetDrift.of(features, shareThreshold), ScoreStability.of(reference, current.probabilities()));
    }
}
