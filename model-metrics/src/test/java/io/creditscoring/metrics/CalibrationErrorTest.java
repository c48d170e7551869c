package io.creditscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

    @Test
    void expectedCalibrationErrorByHand() {
        double[] p = {0.05, 0.15, 0.12, 0.95, 0.85, 0.5};
        int[] y = {0, 0, 1, 1, 1, 0};

        CalibrationError error = CalibrationError.of(p, y, 10);

        // bin 0: 0.05 vs 0 (gap 0.05); bin 1: mean 0.135 vs 0.5 (gap 0.365, 2 rows); bin 5: 0.5 vs 0 (0.5);
        // bin 8: 0.85 vs 1 (0.15); bin 9: 0.95 vs 1 (0.05); ECE = (0.05 + 0.73 + 0.5 + 0.15 + 0.05) / 6
        assertThat(error.expected()).isCloseTo(1.48 / 6, within(1e-12));
        assertThat(error.maximum()).isCloseTo(0.5, within(1e-12));
        assertThat(error.bins()).hasSize(10);
        var second = error.bins().get(1);
        assertThat(second.rows()).isEqualTo(2);
        assertThat(second.meanPredicted()).isCloseTo(0.135, within(1e-12));
        assertThat(second.observedRate()).isEqualTo(0.5);
        assertThat(second.lower()).isEqualTo(0.1);
        assertThat(error.bins().get(3).rows()).isZero();
        assertThat(error.bins().get(3).meanPredicted()).isNaN();
    }

    @Test
    void aProbabilityOfOneFallsInTheLastBinAndPerfectCalibrationScoresZero() {
        // half of the rows at 0.25 default once in four; the rows at 1.0 all default
        double[] p = {0.25, 0.25, 0.25, 0.25, 1.0, 1.0};
        int[] y = {1, 0, 0, 0, 1, 1};

        CalibrationError error = CalibrationError.of(p, y, 4);

        assertThat(error.bins().get(3).rows()).isEqualTo(2);
        assertThat(error.expected()).isZero();
    }

    @Test
    void refusesWhatIsNotAProbability() {
        assertThatThrownBy(() -> CalibrationError.of(new double[] {1.2}, new int[] {1}, 10))
                .hasMessageContaining("1.2");
        assertThatThrownBy(() -> CalibrationError.of(new double[] {0.2}, new int[] {1, 0}, 10))
                .hasMessageContaining("1 probabilities but 2 outcomes");
        assertThat(CalibrationError.of(new double[0], new int[0], 10).expected())
                .isNaN();
    }
}
