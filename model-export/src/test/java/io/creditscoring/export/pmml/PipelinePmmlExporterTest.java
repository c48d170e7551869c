package io.creditscoring.export.pmml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.export.onnx.PipelineFixtures;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.PipelineOutputs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our PMML evaluated by an independent evaluator (JPMML-Evaluator, test scope only: AGPL) agrees with the
 * reference PipelineEvaluator within 1e-6.
 */
class PipelinePmmlExporterTest {

    private final PipelinePmmlExporter exporter = new PipelinePmmlExporter();

    @Test
    void logisticRegressionEvaluatesToTheReferenceProbabilities() throws Exception {
        assertAgrees(PipelineFixtures.logisticRegression(), PipelineFixtures.edgeRows());
    }

    @Test
    void xgboostEvaluatesToTheReferenceProbabilitiesWithMissingValuesAndThresholdTies() throws Exception {
        assertAgrees(PipelineFixtures.xgboost(), PipelineFixtures.edgeRows());
    }

    @ParameterizedTest
    @EnumSource(
            value = Algorithm.class,
            names = {"LOGISTIC_REGRESSION", "XGBOOST"})
    void randomizedPipelinesEvaluateToTheReferenceProbabilities(Algorithm algorithm) throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            ModelPipeline pipeline = PipelineFixtures.randomPipeline(algorithm, seed);
            assertAgrees(pipeline, PipelineFixtures.randomRows(pipeline, seed * 17, 200));
        }
    }

    @Test
    void theDocumentCarriesTheLineage() {
        String xml = exporter.export(PipelineFixtures.xgboost(), 7, 3);
        assertThat(xml)
                .contains("http://www.dmg.org/PMML-4_4")
                .contains("modelVersion=7")
                .contains("schemaVersion=3")
                .contains("trainingSetSha256=9f2c0d1e");
    }

    @Test
    void refusesTheNeuralNetwork() {
        assertThatThrownBy(() -> exporter.export(PipelineFixtures.neuralNetwork(), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NEURAL_NETWORK");
    }

    private void assertAgrees(ModelPipeline pipeline, List<? extends Map<String, Object>> rows) throws Exception {
        byte[] xml = exporter.export(pipeline, 1, 1).getBytes(StandardCharsets.UTF_8);
        Evaluator evaluator = new LoadingModelEvaluatorBuilder()
                .load(new ByteArrayInputStream(xml))
                .build();
        evaluator.verify();
        PipelineEvaluator reference = new PipelineEvaluator(pipeline);
        for (Map<String, Object> row : rows) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            for (InputField field : evaluator.getInputFields()) {
                arguments.put(field.getName(), field.prepare(pmmlValue(pipeline, field.getName(), row)));
            }
            Object probability = evaluator.evaluate(arguments).get(PipelineOutputs.PROBABILITY_OF_DEFAULT);
            assertThat(((Number) probability).doubleValue())
                    .as("row %s", row)
                    .isCloseTo(reference.probability(row), within(1e-6));
        }
    }

    /** PMML has no NaN: a missing number (null, NaN, blank) is passed as missing; strings are trimmed. */
    private static Object pmmlValue(ModelPipeline pipeline, String feature, Map<String, Object> row) {
        Object raw = row.get(feature);
        InputTransform input = pipeline.preprocessing().inputs().stream()
                .filter(i -> i.feature().equals(feature))
                .findFirst()
                .orElseThrow();
        if (input instanceof CategoricalInput) {
            return raw == null ? null : raw.toString().trim();
        }
        return switch (raw) {
            case null -> null;
            case Double d when d.isNaN() -> null;
            case Number n -> n.doubleValue();
            case String s when s.isBlank() -> null;
            case String s -> Double.parseDouble(s.trim());
            default -> throw new IllegalArgumentException(raw.toString());
        };
    }
}
