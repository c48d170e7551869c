package io.creditscoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static ModelPipeline linear(Calibration calibration) {
        return new ModelPipeline(
                "p",
                Algorithm.LOGISTIC_REGRESSION,
                new Preprocessing(List.of(NumericInput.raw("x"))),
                new LinearModel(new double[] {2.0}, -1.0),
                Map.of(),
                calibration);
    }

    @Test
    void plattScalingByHand() {
        var evaluator = new PipelineEvaluator(linear(new PlattScaling(0.5, 0.25)));

        // margin 2 * 1.5 - 1 = 2; calibrated log-odds 0.5 * 2 + 0.25 = 1.25; 1 / (1 + e^-1.25) = 0.7772999
        assertThat(evaluator.probability(Map.of("x", 1.5))).isCloseTo(0.7772998611746911, within(1e-15));
        // uncalibrated: 1 / (1 + e^-2) = 0.8807971
        assertThat(new PipelineEvaluator(linear(null)).probability(Map.of("x", 1.5)))
                .isCloseTo(0.8807970779778823, within(1e-15));
    }

    @Test
    void aCalibrationMustKeepTheRanking() {
        assertThatThrownBy(() -> new PlattScaling(0.0, 1.0)).hasMessageContaining("positive slope");
        assertThatThrownBy(() -> new PlattScaling(-1.0, 1.0)).hasMessageContaining("positive slope");
        assertThatThrownBy(() -> new PlattScaling(1.0, Double.NaN)).hasMessageContaining("finite intercept");
    }

    @Test
    void calibrationRoundTripsThroughJsonAndAnOlderPipelineReadsUncalibrated() {
        String json = CreditJson.json().writeValueAsString(linear(new PlattScaling(0.5, 0.25)));
        ModelPipeline back = CreditJson.json().readValue(json, ModelPipeline.class);

        assertThat(json).contains("\"calibration\":{\"kind\":\"platt\",\"slope\":0.5,\"intercept\":0.25}");
        assertThat(back.calibration()).isEqualTo(new PlattScaling(0.5, 0.25));

        String older = CreditJson.json().writeValueAsString(linear(null)).replace(",\"calibration\":null", "");
        assertThat(older).doesNotContain("calibration");
        assertThat(CreditJson.json().readValue(older, ModelPipeline.class).calibration())
                .isNull();
    }
}
