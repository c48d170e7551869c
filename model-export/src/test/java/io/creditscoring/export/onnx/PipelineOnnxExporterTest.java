package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.PipelineFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineOnnxExporterTest {

    private final PipelineOnnxExporter exporter = new PipelineOnnxExporter();

    static Stream<ModelPipeline> handBuilt() {
        return Stream.of(
                PipelineFixtures.logisticRegression(), PipelineFixtures.xgboost(), PipelineFixtures.neuralNetwork());
    }

    @ParameterizedTest
    @MethodSource("handBuilt")
    void onnxRuntimeReproducesTheReferenceEvaluatorOnEdgeRows(ModelPipeline pipeline) {
        var rows = PipelineFixtures.edgeRows();
        var evaluator = new PipelineEvaluator(pipeline);
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            double[] onnx = runner.probabilities(rows);
            for (int r = 0; r < rows.size(); r++) {
                assertThat(onnx[r])
                        .as("row %d %s", r, rows.get(r))
                        .isCloseTo(evaluator.probability(rows.get(r)), within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void randomizedPipelinesPassTheParityGate(Algorithm algorithm) {
        for (long seed = 1; seed <= 3; seed++) {
            ModelPipeline pipeline = PipelineFixtures.randomPipeline(algorithm, seed);
            var rows = PipelineFixtures.randomRows(pipeline, seed * 31, 500);
            var evaluator = new PipelineEvaluator(pipeline);
            double[] jvm = rows.stream().mapToDouble(evaluator::probability).toArray();

            var report = new OnnxParityGate().check(exporter.export(pipeline, 1, 1), rows, jvm);

            assertThat(report.rows()).isEqualTo(500);
            assertThat(report.maxAbsDiff()).as("seed %d", seed).isLessThan(1e-6);
        }
    }

    @Test
    void treesRouteMissingValuesByEachNodesDefaultDirection() {
        ModelPipeline pipeline = PipelineFixtures.xgboost();
        double base = Math.log(0.3 / 0.7);
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            double[] margins = runner.margins(List.of(
                    // tree 0: income missing goes left, duration 30 right: 0.15; tree 1: not rent, left: -0.1
                    row(Double.NaN, 30.0, "own"),
                    // tree 0: left, duration missing goes right: 0.15; tree 1: rent, duration missing left: 0.3
                    row(1000.0, null, "rent"),
                    // tree 0: income 2000 right: -0.25; tree 1: rent, duration missing left: 0.3
                    row(2000.0, Double.NaN, "rent")));
            assertThat(margins[0]).isCloseTo(base + 0.15 - 0.1 + 0.0125, within(1e-6));
            assertThat(margins[1]).isCloseTo(base + 0.15 + 0.3 + 0.0125, within(1e-6));
            assertThat(margins[2]).isCloseTo(base - 0.25 + 0.3 + 0.0125, within(1e-6));
        }
    }

    @Test
    void aValueExactlyOnASplitThresholdGoesRight() {
        ModelPipeline pipeline = PipelineFixtures.xgboost();
        double base = Math.log(0.3 / 0.7);
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            double[] margins = runner.margins(List.of(
                    row(1499.0, 24.0, "rent"), // duration == 24: right (0.15); duration == 12.5... not reached
                    row(1499.0, 23.999, "rent"), // just below: left (0.4)
                    row(1500.0, 12.5, "rent"), // income == 1500: right (-0.25); tree 1 duration == 12.5: right
                    row(1500.0, 12.499, "rent")));
            assertThat(margins[0]).isCloseTo(base + 0.15 - 0.05 + 0.0125, within(1e-6));
            assertThat(margins[1]).isCloseTo(base + 0.4 - 0.05 + 0.0125, within(1e-6));
            assertThat(margins[2]).isCloseTo(base - 0.25 - 0.05 + 0.0125, within(1e-6));
            assertThat(margins[3]).isCloseTo(base - 0.25 + 0.3 + 0.0125, within(1e-6));
        }
    }

    @Test
    void theBaseMarginIsAddedOnceToEveryRow() {
        Tree zero = new Tree(
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                new int[] {0, 0, 0},
                new double[] {0, 0, 0},
                new boolean[] {true, false, false},
                new double[] {0, 0, 0},
                new double[] {1, 1, 1});
        double baseMargin = Math.log(0.3 / 0.7); // base_score 0.3
        var pipeline = new ModelPipeline(
                "p",
                Algorithm.XGBOOST,
                new Preprocessing(List.of(NumericInput.raw("x"))),
                new TreeEnsembleModel(List.of(zero, zero, zero), baseMargin),
                Map.of());
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            List<Map<String, Double>> rows = List.of(Map.of("x", -1.0), Map.of("x", 1.0), Map.of());
            assertThat(runner.margins(rows))
                    .containsExactly(new double[] {baseMargin, baseMargin, baseMargin}, within(1e-7));
            assertThat(runner.probabilities(rows)).containsExactly(new double[] {0.3, 0.3, 0.3}, within(1e-7));
        }
    }

    @Test
    void anUnseenOrMissingCategoryWritesAllZeros() {
        ModelPipeline pipeline = PipelineFixtures.logisticRegression();
        // income 1000 -> column 0, indicator 0; duration 20 -> 0; housing columns all zero
        double expected = PipelineEvaluator.sigmoid(-1.1);
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            double[] p = runner.probabilities(
                    List.of(row(1000.0, 20.0, "castle"), row(1000.0, 20.0, null), row(1000.0, 20.0, "")));
            assertThat(p).containsExactly(new double[] {expected, expected, expected}, within(1e-7));
            double own = runner.probability(row(1000.0, 20.0, "own"));
            assertThat(own).isCloseTo(PipelineEvaluator.sigmoid(-1.1 - 0.4), within(1e-7));
        }
    }

    @Test
    void missingNumericInputsAreImputedAndFlagged() {
        ModelPipeline pipeline = PipelineFixtures.logisticRegression();
        // weights: income, income missing, duration, own, rent, free
        // income missing: imputed 2000 -> (2000 - 1000) / 500 = 2, indicator 1; duration missing: 12 -> -0.8
        double expected = PipelineEvaluator.sigmoid(-1.1 - 0.8 * 2 + 0.9 * 1 + 0.35 * -0.8 + 0.6);
        try (var runner = OnnxModelRunner.load(exporter.export(pipeline, 1, 1))) {
            double[] p = runner.probabilities(
                    List.of(row(Double.NaN, Double.NaN, "free"), row(null, null, "free"), row(" ", "", "free")));
            assertThat(p).containsExactly(new double[] {expected, expected, expected}, within(1e-7));
        }
    }

    @Test
    void theGraphDeclaresTheDocumentedInterfaceAndLineage() throws InvalidProtocolBufferException {
        ModelProto model = ModelProto.parseFrom(
                exporter.export(PipelineFixtures.xgboost(), 7, 3, Map.of("metrics", "{\"auc\":0.81}")));

        assertThat(model.getIrVersion()).isEqualTo(8);
        assertThat(model.getOpsetImportList())
                .extracting(o -> o.getDomain() + "=" + o.getVersion())
                .containsExactlyInAnyOrder("=17", "ai.onnx.ml=3");
        assertThat(model.getModelVersion()).isEqualTo(7);
        assertThat(model.getGraph().getInputList())
                .extracting(PipelineOnnxExporterTest::signature)
                .containsExactly("income:FLOAT[N,1]", "duration:FLOAT[N,1]", "housing:STRING[N,1]");
        assertThat(model.getGraph().getOutputList())
                .extracting(PipelineOnnxExporterTest::signature)
                .containsExactly("probability_of_default:FLOAT[N]", "margin:FLOAT[N]");
        assertThat(model.getGraph().getNodeList())
                .extracting(n -> n.getOpType())
                .contains("TreeEnsembleRegressor", "OneHotEncoder", "Concat", "Sigmoid");

        Map<String, String> metadata = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(metadata)
                .containsEntry("artifactFormat", "credit-scoring-pipeline/1")
                .containsEntry("portfolio", "test-loans")
                .containsEntry("algorithm", "XGBOOST")
                .containsEntry("modelVersion", "7")
                .containsEntry("schemaVersion", "3")
                .containsEntry("inputs", "income:numeric,duration:numeric,housing:categorical")
                .containsEntry("trainingSetSha256", "9f2c0d1e")
                .containsEntry("trainingRows", "800")
                .containsEntry("codeVersion", "abc1234")
                .containsEntry("metrics", "{\"auc\":0.81}");
    }

    @Test
    void rejectsAPipelineWhoseAlgorithmDoesNotMatchItsModel() {
        ModelPipeline linear = PipelineFixtures.logisticRegression();
        var mislabelled = new ModelPipeline(
                linear.portfolio(), Algorithm.XGBOOST, linear.preprocessing(), linear.model(), Map.of());
        assertThatThrownBy(() -> exporter.export(mislabelled, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XGBOOST")
                .hasMessageContaining("LinearModel");
    }

    @Test
    void rejectsAModelWhoseWidthDoesNotMatchThePreprocessing() {
        ModelPipeline linear = PipelineFixtures.logisticRegression();
        var wrong = new ModelPipeline(
                linear.portfolio(),
                linear.algorithm(),
                linear.preprocessing(),
                new LinearModel(new double[] {1, 2}, 0),
                Map.of());
        assertThatThrownBy(() -> exporter.export(wrong, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 weights")
                .hasMessageContaining("6 columns");
    }

    @Test
    void theRunnerRejectsAnArtifactOfUnknownFormat() throws InvalidProtocolBufferException {
        ModelProto model = ModelProto.parseFrom(exporter.export(PipelineFixtures.logisticRegression(), 1, 1));
        ModelProto.Builder other = model.toBuilder().clearMetadataProps();
        model.getMetadataPropsList().stream()
                .filter(e -> !e.getKey().equals(ArtifactMetadata.FORMAT_KEY))
                .forEach(other::addMetadataProps);
        other.addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(ArtifactMetadata.FORMAT_KEY)
                .setValue("credit-scoring-pipeline/99"));

        assertThatThrownBy(() -> OnnxModelRunner.load(other.build().toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credit-scoring-pipeline/99");
    }

    private static String signature(ValueInfoProto value) {
        var tensor = value.getType().getTensorType();
        String dims = tensor.getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.joining(","));
        return value.getName() + ":" + TensorProto.DataType.forNumber(tensor.getElemType()) + "[" + dims + "]";
    }
}
