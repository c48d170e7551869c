package io.creditscoring.training.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.training.TrainingProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    /** The defaults declared on TrainingProperties, bound as Spring Boot binds {@code training.*}. */
    private static final TrainingProperties DEFAULTS = TestSettings.defaults();

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
