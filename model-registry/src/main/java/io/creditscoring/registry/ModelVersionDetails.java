package io.creditscoring.registry;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;

/**
 * A model version's stored lineage, as JSON documents: the fitted pipeline, the portfolio schema, the training
 * parameters and the lineage map.
 */
public record ModelVersionDetails(
        ModelVersionSummary summary, String pipelineJson, String schemaJson, String paramsJson, String lineageJson) {

    /** The fitted pipeline, read back from its JSON. */
    public ModelPipeline pipeline() {
        return CreditJson.json().readValue(pipelineJson, ModelPipeline.class);
    }

    /** The portfolio schema the version was trained on, read back from its JSON. */
    public PortfolioSchema schema() {
        return CreditJson.json().readValue(schemaJson, PortfolioSchema.class);
    }
}
