package io.creditscoring.training.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossValidationScoreTest {

    @Test
    void meanStandardErrorAndRefitIterationsByHand() {
        // deviations from 0.74: -0.04, -0.02, 0, 0.02, 0.04; squares sum to 0.004; sample variance 0.001;
        // standard deviation 0.0316228; standard error 0.0316228 / sqrt(5) = 0.0141421
        var score = CrossValidationScore.of(
                new double[] {0.70, 0.72, 0.74, 0.76, 0.78}, new int[] {150, 161, 117, 187, 135}, new double[0]);

        assertThat(score.meanAuc()).isCloseTo(0.74, within(1e-12));
        assertThat(score.standardError()).isCloseTo(0.0141421356, within(1e-9));
        // (150 + 161 + 117 + 187 + 135) / 5 = 150
        assertThat(score.iterations()).isEqualTo(150);
    }

    @Test
    void refitIterationsAreTheRoundedMean() {
        // 10, 11, 11: mean 10.67, rounded 11; 0 for an algorithm without iterations
        assertThat(CrossValidationScore.of(new double[] {0.7, 0.7, 0.7}, new int[] {10, 11, 11}, new double[0])
                        .iterations())
                .isEqualTo(11);
        var flat = CrossValidationScore.of(new double[] {0.7, 0.7, 0.7}, new int[] {0, 0, 0}, new double[0]);
        assertThat(flat.iterations()).isZero();
        assertThat(flat.standardError()).isZero();
    }
}
