package io.creditscoring.training.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.pipeline.PlattScaling;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattScalingFitterTest {

    @Test
    void agreesWithScikitLearnsSigmoidCalibration() {
        double[] m = {-2.0, -1.5, -1.0, -0.5, -0.2, 0.0, 0.3, 0.6, 1.0, 1.4, 2.0, 2.5};
        int[] y = {0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1};

        PlattScaling platt = PlattScalingFitter.fit(m, y).orElseThrow();

        // sklearn 1.2.1: A, B = sklearn.calibration._sigmoid_calibration(m, y); slope = -A, intercept = -B
        assertThat(platt.slope()).isCloseTo(0.6123379086321007, within(1e-4));
        assertThat(platt.intercept()).isCloseTo(-0.13042716354081155, within(1e-4));
    }

    @Test
    void recoversTheScalingThatGeneratedTheOutcomes() {
        Random random = new Random(5);
        int n = 40_000;
        double[] m = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = 2 * random.nextGaussian();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.5 * m[i] - 0.3))) ? 1 : 0;
        }

        PlattScaling platt = PlattScalingFitter.fit(m, y).orElseThrow();

        assertThat(platt.slope()).isCloseTo(0.5, within(0.03));
        assertThat(platt.intercept()).isCloseTo(-0.3, within(0.03));
    }

    @Test
    void marginsWithoutSignalOrOneOutcomeGiveNoScaling() {
        // risk falls as the margin rises: a calibration would reverse the ranking
        assertThat(PlattScalingFitter.fit(new double[] {-2, -1, 0, 1, 2, 3}, new int[] {1, 1, 1, 0, 0, 0}))
                .isEmpty();
        assertThat(PlattScalingFitter.fit(new double[] {0.1, 0.2}, new int[] {1, 1}))
                .isEmpty();
    }

    @Test
    void theMarginOfAProbabilityIsItsLogOdds() {
        assertThat(PlattScalingFitter.margin(0.8)).isCloseTo(Math.log(4), within(1e-12));
        assertThat(PlattScalingFitter.margin(1.0)).isCloseTo(34.5, within(0.1));
    }
}
