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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Turns a stored model version into a {@link ScoringModel}, refusing anything that could not serve correctly:
 * an artifact whose SHA-256 differs from the registry's, an unreadable pipeline or schema, a graph ONNX Runtime
 * rejects or whose inputs are not the schema's features, and a graph that disagrees with its own pipeline on a
 * reference row (parity within {@value #PARITY_TOLERANCE}). A model that loads is warmed up before it is returned, so
 * that its first requests cost what later ones do.
 */
@Component
class OnnxModelLoader {

    static final double PARITY_TOLERANCE = 1e-4;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    ScoringModel load(RegistryReader.StoredModelVersion stored) {
        String label = stored.portfolio() + " v" + stored.version();
        String actual = sha256(stored.onnx());
        if (!actual.equalsIgnoreCase(stored.onnxSha256())) {
            throw new ModelLoadException("the ONNX artifact of " + label + " has SHA-256 " + actual
                    + " but the registry records " + stored.onnxSha256());
        }
        ModelPipeline pipeline;
        PortfolioSchema schema;
        try {
            pipeline = CreditJson.json().readValue(stored.pipelineJson(), ModelPipeline.class);
            schema = CreditJson.json().readValue(stored.schemaJson(), PortfolioSchema.class);
        } catch (JacksonException e) {
            throw new ModelLoadException("the pipeline or schema of " + label + " cannot be read", e);
        }
        PackedInputs packing = PackedInputs.of(stored.onnx());
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
                    stored.portfolio(),
                    stored.version(),
                    stored.algorithm(),
                    actual,
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // the session is being discarded because the model failed to load; nothing more to do
        }
    }
}
