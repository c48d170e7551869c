package io.creditscoring.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.pipeline.PipelineEvaluator;
import org.junit.jupiter.api.Test;

class OnnxParityGateTest {

    private final byte[] onnx = new PipelineOnnxExporter().export(PipelineFixtures.neuralNetwork(), 1, 1);
    private final java.util.List<java.util.Map<String, Object>> rows = PipelineFixtures.edgeRows();
    private final double[] jvm = rows.stream()
            .mapToDouble(new PipelineEvaluator(PipelineFixtures.neuralNetwork())::probability)
            .toArray();

    @Test
    void passesAndReportsTheLargestDifferenceWhenTheExportAgrees() {
        var report = new OnnxParityGate().check(onnx, rows, jvm);

        assertThat(report.passed()).isTrue();
        assertThat(report.rows()).isEqualTo(rows.size());
        assertThat(report.maxAbsDiff()).isLessThan(1e-6);
        assertThat(report.worstRow()).isBetween(0, rows.size() - 1);
    }

    @Test
    void failsWhenOneRowDiffersByMoreThanTheTolerance() {
        double[] shifted = jvm.clone();
        shifted[4] += 2e-5;

        var report = new OnnxParityGate().measure(onnx, rows, shifted);
        assertThat(report.passed()).isFalse();
        assertThat(report.worstRow()).isEqualTo(4);
        assertThat(report.maxAbsDiff()).isGreaterThan(1e-5);
        assertThatThrownBy(() -> new OnnxParityGate().check(onnx, rows, shifted))
                .isInstanceOf(OnnxParityGate.OnnxParityException.class)
                .hasMessageContaining("row 4");
    }

    @Test
    void failsWhenOnlyOneSideIsNaN() {
        double[] withNaN = jvm.clone();
        withNaN[0] = Double.NaN;

        assertThat(new OnnxParityGate().measure(onnx, rows, withNaN).passed()).isFalse();
    }

    @Test
    void rejectsMismatchedRowAndProbabilityCounts() {
        assertThatThrownBy(() -> new OnnxParityGate().measure(onnx, rows, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
