package io.creditscoring.training.run;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.training.evaluation.ModelMetrics;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One model of a run after evaluation: everything the export, the parity gate and the registry need.
 *
 * @param runId the run
 * @param schemaVersion the catalog version of the portfolio schema the model was trained on
 * @param schema that schema
 * @param pipeline the whole fitted pipeline as plain numbers, with lineage in its metadata
 * @param testApplicationIds the test split's application ids, in row order
 * @param testRows the test split's raw feature values (as read: numbers as Double, categories as String)
 * @param testLabels the test split's outcomes (1 = defaulted)
 * @param testProbabilities the model library's (Smile's, xgboost4j's) probabilities of default on the test rows
 * @param trainingRows the training split's raw feature values (the reference for drift)
 * @param metrics the test-split metrics
 * @param cvAuc the mean fold AUC of the cross-validation that selected the model's settings
 * @param cvAucStandardError the standard error of that mean
 * @param params every parameter of the run
 * @param lineage training-set hash and row counts, split, seed, code and library versions
 */
public record TrainedModel(
        UUID runId,
        String portfolio,
        int schemaVersion,
        PortfolioSchema schema,
        Algorithm algorithm,
        ModelPipeline pipeline,
        List<String> testApplicationIds,
        List<Map<String, Object>> testRows,
        int[] testLabels,
        double[] testProbabilities,
        List<Map<String, Object>> trainingRows,
        ModelMetrics metrics,
        double cvAuc,
        double cvAucStandardError,
        Map<String, String> params,
        Map<String, String> lineage) {}
