package io.creditscoring.training.preprocess;

import io.creditscoring.pipeline.Preprocessing;
import java.util.List;

/**
 * Preprocessing fitted on the training split.
 *
 * @param scaled for linear models and neural networks: median imputation, missing indicators, standard scaling,
 *     one-hot encoding
 * @param trees for tree ensembles: numbers passed as they are (missing stays NaN for the trees' default
 *     directions), one-hot encoding
 * @param dropped features removed by feature selection
 * @param excluded schema features that are not model inputs (protected attributes), kept out of every model
 */
public record FittedPreprocessing(
        Preprocessing scaled, Preprocessing trees, List<DroppedFeature> dropped, List<String> excluded) {}
