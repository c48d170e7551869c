package io.creditscoring.training.run;

import io.creditscoring.metrics.ProbabilityMetrics;
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
 * @param testApplicationIds the application ids of {@code testRows}
 * @param testRows raw feature values (as read: numbers as Double, categories as String) of the test split's rows: all
 *     of them for the local engine, a bounded seeded sample for a Spark run ({@code testRowsSampled}); the parity gate
 *     and the champion's comparison run on these
 * @param testLabels the outcomes of {@code testRows} (1 = defaulted)
 * @param testProbabilities the model library's (Smile's, xgboost4j's, Spark's) calibrated probabilities of default
 *     on {@code testRows}
 * @param testRowsSampled whether {@code testRows} are a sample of the test split rather than all of it
 * @param trainingRows the training split's raw feature values (the reference for drift): all of them, or for a Spark
 *     run the seeded sample the reference is drawn as
 * @param metrics the test-split metrics (always on the whole test split)
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
        boolean testRowsSampled,
        List<Map<String, Object>> trainingRows,
        ModelMetrics metrics,
        double cvAuc,
        double cvAucStandardError,
        Map<String, String> params,
        Map<String, String> lineage) {

    /**
     * The model's AUC on {@code testRows}, for comparisons with another model scored on the same rows: its test AUC
     * when they are the whole test split.
     */
    public double testRowsAuc() {
        return testRowsSampled
                ? ProbabilityMetrics.of(testProbabilities, testLabels).auc()
                : metrics.auc();
    }
}
