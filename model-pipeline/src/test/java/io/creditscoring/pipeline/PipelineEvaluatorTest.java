package io.creditscoring.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.events.Algorithm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineEvaluatorTest {

    private static final Preprocessing SCALED = new Preprocessing(List.of(
            new NumericInput("income", 2000.0, 1000.0, 500.0, true),
            new CategoricalInput("housing", List.of("own", "rent"))));

    @Test
    void imputesScalesAndFlagsAMissingNumber() {
        var evaluator = evaluator(SCALED, new LinearModel(new double[] {1, 0, 0, 0}, 0));
        assertThat(evaluator.vector(Map.of("income", 1500, "housing", "own"))).containsExactly(1.0, 0.0, 1.0, 0.0);
        assertThat(evaluator.vector(features("income", null, "housing", "rent")))
                .containsExactly(2.0, 1.0, 0.0, 1.0);
        assertThat(evaluator.vector(Map.of("income", " 1000 ", "housing", "rent")))
                .containsExactly(0.0, 0.0, 0.0, 1.0);
    }

    @Test
    void anUnknownOrMissingCategoryWritesAllZeros() {
        var evaluator = evaluator(SCALED, new LinearModel(new double[] {0, 0, 1, 1}, 0));
        assertThat(evaluator.vector(Map.of("income", 1000, "housing", "castle")))
                .containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(evaluator.vector(features("income", 1000, "housing", null))).containsExactly(0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void numericCategoriesMatchTheirPlainDecimalForm() {
        var pre = new Preprocessing(List.of(new CategoricalInput("EDUCATION", List.of("1", "2"))));
        var evaluator = evaluator(pre, new LinearModel(new double[] {0, 1}, 0));
        assertThat(evaluator.vector(Map.of("EDUCATION", 2))).containsExactly(0.0, 1.0);
        assertThat(evaluator.vector(Map.of("EDUCATION", 2.0))).containsExactly(0.0, 1.0);
        assertThat(evaluator.vector(Map.of("EDUCATION", "2"))).containsExactly(0.0, 1.0);
    }

    @Test
    void linearProbabilityIsTheLogisticOfTheMargin() {
        var evaluator = evaluator(SCALED, new LinearModel(new double[] {0.5, 2.0, -1.0, 0.25}, -0.3));
        double margin = -0.3 + 0.5 * 1.0 + 2.0 * 0.0 - 1.0 * 1.0 + 0.25 * 0.0;
        assertThat(evaluator.probability(Map.of("income", 1500, "housing", "own")))
                .isCloseTo(1 / (1 + Math.exp(-margin)), within(1e-15));
    }

    @Test
    void treesRouteByThresholdAndMissingDirection() {
        // root: x < 10 goes left (leaf -1), else right (leaf +1); missing goes right
        Tree tree = new Tree(
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new int[] {0, 0, 0},
                new double[] {10, 0, 0},
                new boolean[] {false, false, false},
                new double[] {0, -1, 1},
                new double[] {3, 1, 2});
        var pre = new Preprocessing(List.of(NumericInput.raw("x")));
        var evaluator = evaluator(pre, new TreeEnsembleModel(List.of(tree, tree), 0.5));

        assertThat(evaluator.margin(evaluator.vector(Map.of("x", 9.99)))).isEqualTo(0.5 - 2);
        assertThat(evaluator.margin(evaluator.vector(Map.of("x", 10)))).isEqualTo(0.5 + 2);
        assertThat(evaluator.margin(evaluator.vector(features("x", null)))).isEqualTo(0.5 + 2);
        assertThat(evaluator.margin(evaluator.vector(Map.of("x", Double.NaN)))).isEqualTo(0.5 + 2);
    }

    @Test
    void networkAppliesEachLayerAndEndsOnALinearMargin() {
        var hidden = new DenseLayer(new double[][] {{1, -1}, {0.5, 0.5}}, new double[] {0, -1}, Activation.RELU);
        var output = new DenseLayer(new double[][] {{2, -3}}, new double[] {0.1}, Activation.LINEAR);
        var pre = new Preprocessing(List.of(NumericInput.raw("a"), NumericInput.raw("b")));
        var evaluator = evaluator(pre, new NeuralNetworkModel(List.of(hidden, output)));

        // hidden = relu([3 - 1, 0.5*3 + 0.5*1 - 1]) = [2, 1]; margin = 0.1 + 4 - 3
        assertThat(evaluator.margin(evaluator.vector(Map.of("a", 3, "b", 1)))).isCloseTo(1.1, within(1e-12));
    }

    private static PipelineEvaluator evaluator(Preprocessing preprocessing, ModelSpec model) {
        return new PipelineEvaluator(new ModelPipeline("p", Algorithm.LOGISTIC_REGRESSION, preprocessing, model, null));
    }

    private static Map<String, Object> features(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
