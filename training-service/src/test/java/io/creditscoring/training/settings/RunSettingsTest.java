package io.creditscoring.training.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.training.TrainingProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static final TrainingProperties DEFAULTS = new TrainingProperties(
            2,
            42,
            200,
            20,
            1000,
            new TrainingProperties.Split(0.2, false, 60),
            new TrainingProperties.Preprocessing(0.995, 5, 10),
            new TrainingProperties.Evaluation(null),
            new TrainingProperties.CrossValidation(5, 1.0, 0),
            new TrainingProperties.Search(8, Duration.ofSeconds(120)),
            new TrainingProperties.LogisticRegression(0.1, 1e-5, 200),
            new TrainingProperties.Xgboost(600, 30, "logloss", 0.05, 4, 5, 0.8, 0.8, 1, 2, true),
            new TrainingProperties.NeuralNetwork(List.of(32, 16), "relu", 0.005, 0, 1e-4, 64, 60, 8),
            new TrainingProperties.Schedule("-", List.of()),
            50_000,
            new TrainingProperties.Queue(20, 2, Duration.ofSeconds(60), Duration.ofSeconds(30)),
            new TrainingProperties.Worker(
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10)));

    @Test
    void overridesReplaceDefaultsByFlatName() {
        RunSettings s = RunSettings.of(
                DEFAULTS,
                Map.of(
                        "xgboost.maxDepth",
                        6,
                        "neuralNetwork.hiddenLayers",
                        List.of(8),
                        "seed",
                        "7",
                        "evaluation.threshold",
                        0.3));

        assertThat(s.xgboost().maxDepth()).isEqualTo(6);
        assertThat(s.neuralNetwork().hiddenLayers()).containsExactly(8);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.evaluation().threshold()).isEqualTo(0.3);
        assertThat(s.params()).containsEntry("xgboost.maxDepth", "6").containsEntry("xgboost.eta", "0.05");
    }

    @Test
    void defaultsRoundTripThroughTheirParams() {
        RunSettings s = RunSettings.of(DEFAULTS, Map.of());
        assertThat(RunSettings.of(DEFAULTS, s.params())).isEqualTo(s);
    }

    @Test
    void badOverridesNameTheParameter() {
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("xgboost.eta", 5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("xgboost.eta");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("nope", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).parameter())
                .isEqualTo("nope");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("neuralNetwork.activation", "softplus")))
                .hasMessageContaining("neuralNetwork.activation")
                .hasMessageContaining("relu, tanh or sigmoid");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("xgboost.maxDepth", "deep")))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).parameter())
                .isEqualTo("xgboost.maxDepth");
    }

    @Test
    void theBoundsAreTheConfigurationsOwn() {
        // the same limits as training.* (TrainingProperties), not a second copy of them
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("xgboost.maxDepth", 17)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("xgboost.maxDepth")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("xgboost.threads", 65)))
                .hasMessageContaining("xgboost.threads");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("neuralNetwork.hiddenLayers", List.of(8, 0))))
                .hasMessageContaining("neuralNetwork.hiddenLayers");
        assertThatThrownBy(() -> RunSettings.of(DEFAULTS, Map.of("split.testShare", 0.5)))
                .hasMessageContaining("split.testShare");
        assertThat(RunSettings.of(DEFAULTS, Map.of("xgboost.maxDepth", 16))
                        .xgboost()
                        .maxDepth())
                .isEqualTo(16);
    }
}
