package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import java.util.Map;

/**
 * Whether a trial's folds ran into the iteration cap ({@code xgboost.maxRounds}, {@code neuralNetwork.maxEpochs})
 * instead of stopping early: a model that was still improving when it was cut short. A trial records the mean of its
 * folds' best iteration counts; early stopping ends a fold only {@code patience} iterations after its best, so a mean
 * above {@code cap - patience} means at least one fold's best lay where it could not have been stopped. Seen at 10M
 * synthetic rows, where every XGBoost fold boosted the full 600 rounds (docs/benchmarks.md, "Training at scale").
 * The run view and the report both answer it from the run's recorded parameters and the trial's own values.
 */
public final class IterationCap {

    private IterationCap() {}

    /** The parameter capping an algorithm's iterations, or null for one without iterations. */
    public static String capSetting(Algorithm algorithm) {
        return switch (algorithm) {
            case XGBOOST -> "xgboost.maxRounds";
            case NEURAL_NETWORK -> "neuralNetwork.maxEpochs";
            case LOGISTIC_REGRESSION -> null;
        };
    }

    private static String patienceSetting(Algorithm algorithm) {
        return algorithm == Algorithm.XGBOOST ? "xgboost.earlyStoppingRounds" : "neuralNetwork.patience";
    }

    /**
     * @param values the trial's own values by flat parameter name (they override the run's)
     * @param params the run's parameters by flat name, as recorded
     * @return null for an algorithm without iterations, or when the run did not record its cap
     */
    public static Boolean reached(
            Algorithm algorithm, int iterations, Map<String, ?> values, Map<String, String> params) {
        String cap = capSetting(algorithm);
        if (cap == null) {
            return null;
        }
        Integer max = setting(cap, values, params);
        Integer patience = setting(patienceSetting(algorithm), values, params);
        return max == null || patience == null ? null : iterations > max - patience;
    }

    private static Integer setting(String name, Map<String, ?> values, Map<String, String> params) {
        Object value = values.containsKey(name) ? values.get(name) : params.get(name);
        return value == null ? null : (int) Math.round(Double.parseDouble(value.toString()));
    }
}
