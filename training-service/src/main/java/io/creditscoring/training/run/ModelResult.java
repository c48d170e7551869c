package io.creditscoring.training.run;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.trainer.FittedModel;
import java.util.Map;

/**
 * One algorithm's result within a run: what the trainer fitted on all training rows, the model as evaluated
 * (pipeline, metrics, lineage), the search that chose its settings, the fit details tracked with it, and what the
 * publishers made of it (registry version and ONNX parity, once exported and gated); the expected calibration error on
 * the test rows before and after calibration; the calibrated probabilities of the whole test split (the model's
 * {@code testRows} may be a sample of it).
 */
record ModelResult(
        FittedModel fitted,
        TrainedModel model,
        HyperparameterSearch.Result search,
        Map<String, String> details,
        double eceUncalibrated,
        double ece,
        double[] testProbabilities,
        ModelPublisher.PublishedModel published) {

    Algorithm algorithm() {
        return model.algorithm();
    }
}
