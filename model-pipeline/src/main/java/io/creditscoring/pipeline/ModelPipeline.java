package io.creditscoring.pipeline;

import io.creditscoring.model.events.Algorithm;
import java.util.Map;

/**
 * A whole fitted pipeline, from raw feature values to the probability of default, as plain numbers.
 *
 * @param portfolio the portfolio it was trained for
 * @param algorithm the model family
 * @param preprocessing the fitted preprocessing
 * @param model the fitted model
 * @param metadata lineage and provenance carried into the ONNX artifact's metadata (string keys and values)
 * @param calibration maps the model's margin to the probability of default; null: the logistic function of the
 *     margin (a pipeline written before calibration existed reads as uncalibrated)
 */
public record ModelPipeline(
        String portfolio,
        Algorithm algorithm,
        Preprocessing preprocessing,
        ModelSpec model,
        Map<String, String> metadata,
        Calibration calibration) {

    public ModelPipeline {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An uncalibrated pipeline. */
    public ModelPipeline(
            String portfolio,
            Algorithm algorithm,
            Preprocessing preprocessing,
            ModelSpec model,
            Map<String, String> metadata) {
        this(portfolio, algorithm, preprocessing, model, metadata, null);
    }

    /** The same pipeline with the given calibration. */
    public ModelPipeline withCalibration(Calibration newCalibration) {
        return new ModelPipeline(portfolio, algorithm, preprocessing, model, metadata, newCalibration);
    }
}
