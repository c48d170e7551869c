package io.creditscoring.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.events.Algorithm;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final int[] Y = {0, 0, 1, 1, 0, 1};
    private static final double[] P = {0.1, 0.4, 0.35, 0.8, 0.2, 0.9};

    @Test
    void aucCountsPairsAndTiesHalf() {
        // 9 (default, non-default) pairs; 0.35 ranks below 0.4 once: 8/9
        assertThat(Metrics.auc(Y, P)).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(Metrics.auc(new int[] {0, 1}, new double[] {0.5, 0.5})).isEqualTo(0.5);
    }

    @Test
    void ksIsTheLargestGapBetweenTheCumulativeDistributions() {
        // after 0.1, 0.2: 2/3 of non-defaults, 0 defaults
        assertThat(Metrics.ks(Y, P)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void confusionPrecisionRecallAndF1AtTheThreshold() {
        ModelMetrics m = Metrics.evaluate(Y, P, 0.5);

        assertThat(m.confusion()).isEqualTo(new Metrics.Confusion(2, 0, 3, 1));
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(m.gini()).isCloseTo(2 * m.auc() - 1, within(1e-12));
        assertThat(m.brier()).isEqualTo(Metrics.brier(Y, P));
        assertThat(m.calibration()).hasSize(6);
        assertThat(m.roc().getFirst()).containsExactly(0.0, 0.0);
        assertThat(m.roc().getLast()).containsExactly(1.0, 1.0);
    }

    @Test
    void f1OptimalThresholdIsAPredictedProbability() {
        assertThat(Metrics.f1OptimalThreshold(Y, P)).isEqualTo(0.35);
    }

    @Test
    void selectionPrefersTheSimplerModelWithinTheMargin() {
        var auc =
                Map.of(Algorithm.LOGISTIC_REGRESSION, 0.780, Algorithm.XGBOOST, 0.784, Algorithm.NEURAL_NETWORK, 0.781);
        assertThat(ModelSelector.select(auc, 0.005)).contains(Algorithm.LOGISTIC_REGRESSION);

        var better =
                Map.of(Algorithm.LOGISTIC_REGRESSION, 0.720, Algorithm.XGBOOST, 0.780, Algorithm.NEURAL_NETWORK, 0.783);
        assertThat(ModelSelector.select(better, 0.005)).contains(Algorithm.XGBOOST);
        assertThat(ModelSelector.select(better, 0.0)).contains(Algorithm.NEURAL_NETWORK);
    }
}
