package io.creditscoring.training.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.settings.TestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationCapTest {

    private static final Map<String, String> PARAMS = Map.of(
            "xgboost.maxRounds", "600",
            "xgboost.earlyStoppingRounds", "30",
            "neuralNetwork.maxEpochs", "60",
            "neuralNetwork.patience", "8");

    @Test
    void aMeanBestRoundWithinThePatienceOfTheCapMeansAFoldRanToTheCap() {
        // a fold whose best round is 571 could only have stopped at 601: past the cap of 600
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 600, Map.of(), PARAMS))
                .isTrue();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 571, Map.of(), PARAMS))
                .isTrue();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 570, Map.of(), PARAMS))
                .isFalse();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 135, Map.of(), PARAMS))
                .isFalse();
        assertThat(IterationCap.reached(Algorithm.NEURAL_NETWORK, 53, Map.of(), PARAMS))
                .isTrue();
        assertThat(IterationCap.reached(Algorithm.NEURAL_NETWORK, 52, Map.of(), PARAMS))
                .isFalse();
    }

    @Test
    void aTrialsOwnValuesOverrideTheRunsParameters() {
        // as a search trial records them: numbers, not the run's strings
        Map<String, Object> trial = Map.of("xgboost.maxRounds", 200, "xgboost.earlyStoppingRounds", 20.0);
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 190, trial, PARAMS)).isTrue();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 180, trial, PARAMS)).isFalse();
    }

    @Test
    void readsTheParametersARunRecordsFromItsSettings() {
        // the report and the run view both answer from these: the settings' own flat names
        Map<String, String> params = TestSettings.run(Map.of(
                        "xgboost.maxRounds", 200, "xgboost.earlyStoppingRounds", 20, "neuralNetwork.maxEpochs", 15))
                .params();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 181, Map.of(), params))
                .isTrue();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 180, Map.of(), params))
                .isFalse();
        // the network's patience is the default, 8
        assertThat(IterationCap.reached(Algorithm.NEURAL_NETWORK, 8, Map.of(), params))
                .isTrue();
        assertThat(IterationCap.reached(Algorithm.NEURAL_NETWORK, 7, Map.of(), params))
                .isFalse();
        assertThat(IterationCap.reached(Algorithm.LOGISTIC_REGRESSION, 0, Map.of(), params))
                .isNull();
        assertThat(params)
                .containsKeys(
                        IterationCap.capSetting(Algorithm.XGBOOST), IterationCap.capSetting(Algorithm.NEURAL_NETWORK));
    }

    @Test
    void isUnknownWithoutIterationsOrARecordedCap() {
        assertThat(IterationCap.reached(Algorithm.LOGISTIC_REGRESSION, 0, Map.of(), PARAMS))
                .isNull();
        assertThat(IterationCap.capSetting(Algorithm.LOGISTIC_REGRESSION)).isNull();
        assertThat(IterationCap.reached(Algorithm.XGBOOST, 600, Map.of(), Map.of("xgboost.maxRounds", "600")))
                .isNull();
    }
}
