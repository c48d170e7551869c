package io.creditscoring.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.export.pmml.PipelinePmmlExporter;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.PlattScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Platt scaling inside the graph: the probability output is calibrated, the margin output stays the model's. */
class CalibratedPipelineOnnxTest {

    private static final PlattScaling PLATT = new PlattScaling(0.8, -0.35);

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theGraphAppliesTheCalibrationAndPassesTheParityGate(Algorithm algorithm) throws IOException {
        ModelPipeline plain = PipelineFixtures.randomPipeline(algorithm, 5);
        ModelPipeline calibrated = plain.withCalibration(PLATT);
        var rows = PipelineFixtures.randomRows(calibrated, 77, 500);
        var evaluator = new PipelineEvaluator(calibrated);
        var uncalibrated = new PipelineEvaluator(plain);
        double[] jvm = rows.stream().mapToDouble(evaluator::probability).toArray();
        byte[] onnx = new PipelineOnnxExporter().export(calibrated, 1, 1);

        var report = new OnnxParityGate().check(onnx, rows, jvm);

        assertThat(report.maxAbsDiff()).isLessThan(1e-6);
        try (var runner = OnnxModelRunner.load(onnx)) {
            double[] margins = runner.margins(rows);
            double[] probabilities = runner.probabilities(rows);
            for (int i = 0; i < rows.size(); i++) {
                double margin = uncalibrated.margin(uncalibrated.vector(rows.get(i)));
                assertThat(margins[i]).isCloseTo(margin, within(1e-4 * Math.max(1, Math.abs(margin))));
                // by hand: 1 / (1 + exp(-(0.8 m - 0.35)))
                assertThat(probabilities[i]).isCloseTo(1 / (1 + Math.exp(-(0.8 * margin - 0.35))), within(1e-6));
                assertThat(probabilities[i]).isNotCloseTo(uncalibrated.probability(rows.get(i)), within(1e-4));
            }
        }
        // for the reference checker (../shared/tools/onnx-check target/onnx/calibrated-*.onnx)
        Path out = Path.of("target", "onnx", "calibrated-" + algorithm.name().toLowerCase() + ".onnx");
        Files.createDirectories(out.getParent());
        Files.write(out, onnx);
    }

    @ParameterizedTest
    @EnumSource(
            value = Algorithm.class,
            names = {"LOGISTIC_REGRESSION", "XGBOOST"})
    void pmmlRefusesACalibratedPipelineRatherThanDropTheCalibration(Algorithm algorithm) {
        ModelPipeline calibrated = PipelineFixtures.randomPipeline(algorithm, 5).withCalibration(PLATT);

        assertThatThrownBy(() -> new PipelinePmmlExporter().export(calibrated, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not write calibration");
    }
}
