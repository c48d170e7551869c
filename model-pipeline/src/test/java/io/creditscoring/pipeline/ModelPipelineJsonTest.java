package io.creditscoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPipelineJsonTest {

    @Test
    void treePipelineRoundTripsThroughJson() {
        Tree stump = new Tree(
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new int[] {0, -1, -1},
                new double[] {0.5, 0, 0},
                new boolean[] {true, false, false},
                new double[] {0, -0.2, 0.3},
                new double[] {10, 6, 4});
        var pipeline = new ModelPipeline(
                "p",
                Algorithm.XGBOOST,
                new Preprocessing(List.of(NumericInput.raw("x"), new CategoricalInput("c", List.of("a", "b")))),
                new TreeEnsembleModel(List.of(stump), -1.2),
                Map.of("trainingRows", "10"));

        String json = CreditJson.json().writeValueAsString(pipeline);
        ModelPipeline back = CreditJson.json().readValue(json, ModelPipeline.class);

        assertThat(back.preprocessing()).isEqualTo(pipeline.preprocessing());
        assertThat(back.preprocessing().columnNames()).containsExactly("x", "c=a", "c=b");
        assertThat(back.model()).isInstanceOf(TreeEnsembleModel.class);
        Tree tree = ((TreeEnsembleModel) back.model()).trees().getFirst();
        assertThat(tree.leafValue()).containsExactly(0, -0.2, 0.3);
        assertThat(tree.defaultLeft()).containsExactly(true, false, false);
        assertThat(json).contains("\"kind\":\"treeEnsemble\"", "\"kind\":\"categorical\"");
        assertThat(json).as("widths are derived, not stored").doesNotContain("width");
        assertThat(back.preprocessing().width()).isEqualTo(3);
    }

    @Test
    void missingIndicatorAddsAColumn() {
        var input = new NumericInput("income", 1200.0, 1500.0, 300.0, true);
        assertThat(input.columnNames()).containsExactly("income", "income__missing");
    }

    @Test
    void rejectsZeroScale() {
        assertThatThrownBy(() -> new NumericInput("x", 0.0, 0.0, 0.0, false)).hasMessageContaining("'x'");
    }
}
