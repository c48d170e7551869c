package io.creditscoring.training.run;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.trainer.FittedModel;

/**
 * One algorithm's result within a run: what the trainer fitted, the model as evaluated (pipeline, metrics,
 * lineage), and what the publishers made of it (registry version and ONNX parity, once exported and gated).
 */
record ModelResult(FittedModel fitted, TrainedModel model, ModelPublisher.PublishedModel published) {

    Algorithm algorithm() {
        return model.algorithm();
    }
}
