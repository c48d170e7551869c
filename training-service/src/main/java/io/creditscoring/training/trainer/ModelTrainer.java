package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;

/** Fits one model family on prepared data; seeded and deterministic. */
public interface ModelTrainer {

    Algorithm algorithm();

    /**
     * One cross-validation fold: fits on the data's training rows, stopping early on its held-out rows where the
     * algorithm iterates, and scores the held-out rows.
     */
    FoldFit fitFold(PreparedData fold);

    /**
     * The model on the data's training rows with a fixed number of iterations (boosting rounds, epochs: those the
     * folds' early stopping kept; ignored by an algorithm that does not iterate that way), scored on its test rows.
     */
    FittedModel fit(PreparedData data, int iterations);
}
