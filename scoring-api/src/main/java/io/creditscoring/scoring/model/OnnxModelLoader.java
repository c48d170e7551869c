package io.creditscoring.scoring.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.registry.ModelArtifact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Turns a stored model version into a {@link ScoringModel}, refusing anything that could not serve correctly
 * (the registry has already refused an artifact whose SHA-256 differs from the one it recorded): an unreadable
 * pipeline or schema, a graph ONNX Runtime rejects or whose inputs are not the schema's features, and a graph that
 * disagrees with its own pipeline on a reference row (parity within {@value #PARITY_TOLERANCE}). A model that loads
 * is warmed up before it is returned, so that its first requests cost what later ones do.
 */
@Component
class OnnxModelLoader {

    static final double PARITY_TOLERANCE = 1e-4;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    /**
     * @param artifact the version's ONNX bytes, whose SHA-256 the registry checked when it read them
     * @param pipelineJson the fitted pipeline registered with it
     * @param schemaJson the portfolio schema it was trained on
     */
    ScoringModel load(ModelArtifact artifact, String pipelineJson, String schemaJson) {
        String label = artifact.portfolio() + " v" + artifact.version();
        ModelPipeline pipeline;
        PortfolioSchema schema;
        try {
            pipeline = CreditJson.json().readValue(pipelineJson, ModelPipeline.class);
            schema = CreditJson.json().readValue(schemaJson, PortfolioSchema.class);
        } catch (JacksonException e) {
            throw new ModelLoadException("the pipeline or schema of " + label + " cannot be read", e);
        }
        PackedInputs packing = PackedInputs.of(artifact.onnx());
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(packing.graph(), options);
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot load the artifact of " + label, e);
        }
        try {
            ScoringModel model = new ScoringModel(
                    artifact.portfolio(),
                    artifact.version(),
                    artifact.algorithm(),
                    artifact.sha256(),
                    schema,
                    pipeline,
                    env,
                    session,
                    packing);
            Map<String, Object> reference = referenceRow(model.pipeline(), model.schema());
            checkParity(model, reference, label);
            model.warmUp(reference);
            return model;
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e instanceof ModelLoadException m ? m : new ModelLoadException(label + " cannot serve", e);
        }
    }

    /** Scores a reference row with the graph and with the pipeline; they must agree. */
    private static void checkParity(ScoringModel model, Map<String, Object> row, String label) {
        double onnx = model.probabilities(List.of(row))[0];
        double java = model.evaluator().probability(row);
        if (!(Math.abs(onnx - java) <= PARITY_TOLERANCE)) {
            throw new ModelLoadException("the ONNX graph of " + label + " gives " + onnx
                    + " on a reference row but its pipeline gives " + java);
        }
    }

    /** Every input at its training centre (numbers) or first category. */
    static Map<String, Object> referenceRow(ModelPipeline pipeline, PortfolioSchema schema) {
        Map<String, Object> row = new HashMap<>();
        for (InputTransform input : pipeline.preprocessing().inputs()) {
            switch (input) {
                case NumericInput n -> row.put(n.feature(), n.imputeValue() != null ? n.imputeValue() : n.center());
                case CategoricalInput c -> row.put(c.feature(), c.categories().getFirst());
            }
        }
        for (FeatureSpec f : schema.modelInputs()) {
            row.putIfAbsent(f.name(), f.isCategorical() ? f.categories().getFirst() : (Object) 0.0);
        }
        return row;
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // the session is being discarded because the model failed to load; nothing more to do
        }
    }
}
