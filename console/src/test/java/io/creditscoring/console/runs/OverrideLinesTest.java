package io.creditscoring.console.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OverrideLinesTest {

    @Test
    void readsOneNameValuePerLineAsJsonNumbersBooleansAndText() {
        Map<String, Object> params = OverrideLines.parse(
                "xgboost.maxDepth=4\r\n\n  logisticRegression.lambda = 0.5 \n# a comment\nsplit.outOfTime=TRUE\n"
                        + "neuralNetwork.hiddenLayers=32,16\nxgboost.eta=1e-1");

        assertThat(params)
                .containsExactly(
                        Map.entry("xgboost.maxDepth", 4L),
                        Map.entry("logisticRegression.lambda", 0.5),
                        Map.entry("split.outOfTime", true),
                        Map.entry("neuralNetwork.hiddenLayers", "32,16"),
                        Map.entry("xgboost.eta", 0.1));
    }

    @Test
    void nothingGivenIsNoOverride() {
        assertThat(OverrideLines.parse(null)).isEmpty();
        assertThat(OverrideLines.parse("  \n\n")).isEmpty();
    }

    @Test
    void refusesALineThatIsNotNameValueNamingIt() {
        assertThatThrownBy(() -> OverrideLines.parse("seed=7\nxgboost.maxDepth"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("xgboost.maxDepth");
        assertThatThrownBy(() -> OverrideLines.parse("=4")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> OverrideLines.parse("seed=")).hasMessageContaining("line 1");
    }

    @Test
    void refusesANameGivenTwice() {
        assertThatThrownBy(() -> OverrideLines.parse("seed=7\nseed=8"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("'seed' a second time");
    }
}
