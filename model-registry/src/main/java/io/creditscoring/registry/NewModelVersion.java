package io.creditscoring.registry;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything registered with a model version. The registry computes the artifact's sha256 itself.
 *
 * @param portfolio the portfolio
 * @param version a version reserved with {@link ModelRegistry#reserveVersion(String)}
 * @param runId the training run that produced it, or null
 * @param onnx the exported ONNX artifact
 * @param pipeline the fitted pipeline, stored as JSON (used to explain decisions)
 * @param schema the portfolio schema it was trained on
 * @param schemaVersion the catalog version of that schema
 * @param metrics test-split metrics (auc, gini, ks, brier, logLoss, f1, ...)
 * @param params training parameters
 * @param lineage training-set hash and row count, code version, library versions, seed, ...
 * @param parityMaxAbsDiff the parity gate's measured max |p_onnx - p_jvm|
 * @param referenceRows a sample of the training split with the model's probabilities, for drift monitoring
 */
public record NewModelVersion(
        String portfolio,
        int version,
        UUID runId,
        byte[] onnx,
        ModelPipeline pipeline,
        PortfolioSchema schema,
        int schemaVersion,
        Map<String, Double> metrics,
        Map<String, ?> params,
        Map<String, ?> lineage,
        double parityMaxAbsDiff,
        List<ReferenceRow> referenceRows) {

    public NewModelVersion {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(schema, "schema");
        if (!portfolio.equals(pipeline.portfolio())) {
            throw new IllegalArgumentException(
                    "pipeline of portfolio '" + pipeline.portfolio() + "' registered under '" + portfolio + "'");
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        params = params == null ? Map.of() : Map.copyOf(params);
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        referenceRows = referenceRows == null ? List.of() : List.copyOf(referenceRows);
    }

    public Algorithm algorithm() {
        return pipeline.algorithm();
    }

    /**
     * One reference row.
     *
     * @param features raw feature values
     * @param probabilityOfDefault the model's probability for it
     * @param defaulted the observed outcome, or null when unknown
     */
    public record ReferenceRow(Map<String, ?> features, double probabilityOfDefault, Boolean defaulted) {}
}
