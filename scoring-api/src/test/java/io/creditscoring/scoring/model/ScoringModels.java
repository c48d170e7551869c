package io.creditscoring.scoring.model;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.registry.ModelArtifact;

/** Loads a model version outside a Spring context, through the production loader, for benchmarks. */
public final class ScoringModels {

    private ScoringModels() {}

    public static ScoringModel load(int version, ModelPipeline pipeline, PortfolioSchema schema, byte[] onnx) {
        return new OnnxModelLoader()
                .load(
                        new ModelArtifact(pipeline.portfolio(), version, pipeline.algorithm(), onnx, Sha256.hex(onnx)),
                        CreditJson.json().writeValueAsString(pipeline),
                        CreditJson.json().writeValueAsString(schema));
    }
}
