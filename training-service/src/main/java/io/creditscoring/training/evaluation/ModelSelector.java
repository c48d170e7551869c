package io.creditscoring.training.evaluation;

import io.creditscoring.model.events.Algorithm;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a run's model by validation AUC, preferring the simpler model: going from simplest (logistic regression) to
 * most complex (neural network), a more complex model replaces the current choice only when its validation AUC is
 * higher by more than the margin.
 */
public final class ModelSelector {

    /** Simplest first. */
    public static final List<Algorithm> BY_COMPLEXITY =
            List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.XGBOOST, Algorithm.NEURAL_NETWORK);

    private ModelSelector() {}

    public static Optional<Algorithm> select(Map<Algorithm, Double> validationAuc, double margin) {
        Algorithm chosen = null;
        for (Algorithm a : validationAuc.keySet().stream()
                .sorted(Comparator.comparingInt(BY_COMPLEXITY::indexOf))
                .toList()) {
            double auc = validationAuc.get(a);
            if (Double.isNaN(auc)) {
                continue;
            }
            if (chosen == null || auc > validationAuc.get(chosen) + margin) {
                chosen = a;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
