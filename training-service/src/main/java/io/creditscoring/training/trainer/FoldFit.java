package io.creditscoring.training.trainer;

import java.util.Map;

/**
 * What a trainer hands back for one cross-validation fold: the model library's probabilities of default on the rows
 * the fold held out, and how many iterations (boosting rounds, epochs) early stopping on those rows kept.
 *
 * @param iterations the rounds or epochs kept; 0 for an algorithm that does not iterate that way (logistic
 *     regression)
 * @param details facts about the fit for tracking
 */
public record FoldFit(double[] heldOutProbabilities, int iterations, Map<String, String> details) {}
