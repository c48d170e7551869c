package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.ModelSpec;
import io.creditscoring.pipeline.Preprocessing;
import java.util.Map;

/**
 * What a trainer hands back for a model fitted on all training rows: the model as plain numbers with the
 * preprocessing it was trained on, and the model library's own probabilities of default on the test rows.
 *
 * @param featureImportance importance by model-vector column (what it measures depends on the algorithm, see
 *     {@code importanceKind})
 * @param details facts about the fit for tracking, such as boosting rounds or epochs
 */
public record FittedModel(
        Algorithm algorithm,
        Preprocessing preprocessing,
        ModelSpec model,
        double[] testProbabilities,
        Map<String, Double> featureImportance,
        String importanceKind,
        Map<String, String> details) {}
