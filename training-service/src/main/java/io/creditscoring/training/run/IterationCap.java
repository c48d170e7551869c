package io.creditscoring.training.run;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.settings.RunSettings;
import java.util.Map;

/**
 * Whether a trial's folds ran into the iteration cap ({@code xgboost.maxRounds}, {@code neuralNetwork.maxEpochs})
 * instead of stopping early: a model that was still improving when it was cut short. A trial records the mean of its
 * folds' best iteration counts; early stopping ends a fold only {@code patience} iterations after its best, so a mean
 * above {@code cap - patience} means at least one fold's best lay where it could not have been stopped. Seen at 10M
 * synthetic rows, where every XGBoost fold boosted the full 600 rounds (docs/benchmarks.md, "Training at scale").
 */
final class IterationCap {

    private IterationCap() {}

    /**
     * @param values the trial's own values by flat parameter name (they override the run's)
     * @param params the run's parameters by flat name, as recorded
     * @return null for an algorithm without iterations, or when the run did not record its cap
     */
    static Boolean reached(String algorithm, int iterations, Map<String, Object> values, Map<String, String> params) {
        String cap;
        String patience;
        if (algorithm.equals(Algorithm.XGBOOST.name())) {
            cap = "xgboost.maxRounds";
            patience = "xgboost.earlyStoppingRounds";
        } else if (algorithm.equals(Algorithm.NEURAL_NETWORK.name())) {
            cap = "neuralNetwork.maxEpochs";
            patience = "neuralNetwork.patience";
        } else {
            return null;
        }
        Integer max = setting(cap, values, params);
        Integer wait = setting(patience, values, params);
        return max == null || wait == null ? null : reached(iterations, max, wait);
    }

    /** The same from a trial's settings, as the report has them: null for an algorithm without iterations. */
    static Boolean reached(Algorithm algorithm, int iterations, RunSettings settings) {
        return switch (algorithm) {
            case XGBOOST ->
                reached(
                        iterations,
                        settings.xgboost().maxRounds(),
                        settings.xgboost().earlyStoppingRounds());
            case NEURAL_NETWORK ->
                reached(
                        iterations,
                        settings.neuralNetwork().maxEpochs(),
                        settings.neuralNetwork().patience());
            case LOGISTIC_REGRESSION -> null;
        };
    }

    private static boolean reached(int iterations, int cap, int patience) {
        return iterations > cap - patience;
    }

    private static Integer setting(String name, Map<String, Object> values, Map<String, String> params) {
        Object value = values.containsKey(name) ? values.get(name) : params.get(name);
        return value == null ? null : (int) Math.round(Double.parseDouble(value.toString()));
    }
}
