package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;

/** Fits one model family on prepared data; seeded and deterministic. */
public interface ModelTrainer {

    Algorithm algorithm();

    FittedModel fit(PreparedData data);
}
