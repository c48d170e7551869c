package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Where the hyper-parameter search draws its trials, by the settings' flat names. Values are drawn independently:
 * uniformly, or log-uniformly for scale parameters (penalties, learning rate, child weight), rounded to three
 * significant digits so that a trial reads well in the report. Every range lies within the bounds of
 * {@code TrainingProperties}, and a trial's values are bound and checked by them like any override.
 *
 * <ul>
 *   <li>logistic regression: {@code lambda} 0.001 to 100;
 *   <li>XGBoost: {@code maxDepth} 2 to 6, {@code eta} 0.02 to 0.2, {@code minChildWeight} 1 to 50, {@code subsample}
 *       0.6 to 1, {@code colsampleBytree} 0.4 to 1, {@code lambda} 0.1 to 100 (the L2 penalty on leaf weights: with
 *       column sampling, the regularisation that deeper trees need on Taiwan's cross-validation; depth stays at most 6,
 *       which bounds the TreeSHAP cost of reason codes at scoring);
 *   <li>neural network: {@code hiddenLayers} one of 16; 32; 64; 32,16; 64,32, {@code weightDecay} 1e-5 to 0.01.
 * </ul>
 */
public final class SearchSpace {

    private static final List<String> LAYERS = List.of("16", "32", "64", "32,16", "64,32");

    private SearchSpace() {}

    /**
     * One trial's values.
     *
     * @param fixed names the run set itself: they are kept as the run has them, not searched
     */
    public static Map<String, Object> draw(Algorithm algorithm, Random random, Set<String> fixed) {
        Map<String, Object> values = new LinkedHashMap<>();
        switch (algorithm) {
            case LOGISTIC_REGRESSION -> values.put("logisticRegression.lambda", logUniform(random, 0.001, 100));
            case XGBOOST -> {
                values.put("xgboost.maxDepth", 2 + random.nextInt(5));
                values.put("xgboost.eta", logUniform(random, 0.02, 0.2));
                values.put("xgboost.minChildWeight", logUniform(random, 1, 50));
                values.put("xgboost.subsample", round(0.6 + 0.4 * random.nextDouble()));
                values.put("xgboost.colsampleBytree", round(0.4 + 0.6 * random.nextDouble()));
                values.put("xgboost.lambda", logUniform(random, 0.1, 100));
            }
            case NEURAL_NETWORK -> {
                values.put("neuralNetwork.hiddenLayers", LAYERS.get(random.nextInt(LAYERS.size())));
                values.put("neuralNetwork.weightDecay", logUniform(random, 1e-5, 0.01));
            }
        }
        // drawn first and dropped after, so that fixing one parameter leaves the draws of the others as they were
        values.keySet().removeAll(fixed);
        return values;
    }

    private static double logUniform(Random random, double from, double to) {
        return round(Math.exp(Math.log(from) + random.nextDouble() * (Math.log(to) - Math.log(from))));
    }

    /** Three significant digits. */
    static double round(double value) {
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(3))
                .doubleValue();
    }
}
