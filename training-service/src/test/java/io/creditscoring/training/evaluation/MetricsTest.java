package io.creditscoring.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.metrics.ProbabilityMetrics;
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
    void confusionPrecisionRecallAndF1AtTheThreshold() {
        ModelMetrics m = Metrics.evaluate(Y, P, 0.5);

        assertThat(m.confusion()).isEqualTo(new Metrics.Confusion(2, 0, 3, 1));
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(0.8, within(1e-12));
        // the ranking metrics and Brier are ProbabilityMetrics' (model-metrics, checked against scikit-learn there)
        assertThat(m.gini()).isCloseTo(2 * 8.0 / 9 - 1, within(1e-12));
        // after 0.1, 0.2: 2/3 of non-defaults, 0 defaults
        assertThat(m.ks()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.brier()).isCloseTo((0.01 + 0.16 + 0.4225 + 0.04 + 0.04 + 0.01) / 6, within(1e-12));
        assertThat(m.calibration()).hasSize(6);
        assertThat(m.roc().getFirst()).isEqualTo(new ProbabilityMetrics.RocPoint(0, 0));
        assertThat(m.roc().getLast()).isEqualTo(new ProbabilityMetrics.RocPoint(1, 1));
    }

    @Test
    void f1OptimalThresholdIsAPredictedProbability() {
        assertThat(Metrics.f1OptimalThreshold(Y, P)).isEqualTo(0.35);
    }
}
