package io.creditscoring.export.onnx;

import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metadata keys every exported artifact carries (ONNX {@code metadata_props}), beside the pipeline's own
 * lineage entries (training-set hash and rows, parameters, metrics, library and code versions, as the trainer
 * put them in {@link ModelPipeline#metadata()}).
 */
public final class ArtifactMetadata {

    /** Artifact format; a loader rejects artifacts of a format it does not know. */
    public static final String FORMAT_KEY = "artifactFormat";

    public static final String FORMAT = "credit-scoring-pipeline/1";
    public static final String PRODUCER = "io.creditscoring:model-export";
    public static final String PORTFOLIO = "portfolio";
    public static final String ALGORITHM = "algorithm";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String SCHEMA_VERSION = "schemaVersion";

    /** The raw inputs in order, as {@code name:numeric} or {@code name:categorical}, comma separated. */
    public static final String INPUTS = "inputs";

    private ArtifactMetadata() {}

    static Map<String, String> fixedKeys(ModelPipeline pipeline, int modelVersion, int schemaVersion) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(FORMAT_KEY, FORMAT);
        keys.put(PORTFOLIO, pipeline.portfolio());
        keys.put(ALGORITHM, pipeline.algorithm().name());
        keys.put(MODEL_VERSION, Integer.toString(modelVersion));
        keys.put(SCHEMA_VERSION, Integer.toString(schemaVersion));
        keys.put(
                INPUTS,
                pipeline.preprocessing().inputs().stream()
                        .map(ArtifactMetadata::describe)
                        .collect(Collectors.joining(",")));
        return keys;
    }

    private static String describe(InputTransform input) {
        return input.feature() + ":" + (input instanceof CategoricalInput ? "categorical" : "numeric");
    }
}
