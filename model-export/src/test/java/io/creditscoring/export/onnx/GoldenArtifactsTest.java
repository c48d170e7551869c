package io.creditscoring.export.onnx;

import static io.creditscoring.export.onnx.PipelineFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Artifacts exported once and kept in {@code src/test/resources/golden/}, one per algorithm, with the
 * probabilities ONNX Runtime gave for {@link #GOLDEN_ROWS} when they were written. An exporter change must not
 * make an old artifact unloadable or change what it predicts, nor silently change what the exporter writes for
 * the same pipeline. To rewrite them deliberately (and say why in the commit), run {@link #main}.
 */
class GoldenArtifactsTest {

    static final List<Map<String, Object>> GOLDEN_ROWS = List.of(
            row(1200.0, 10.0, "own"),
            row(1800.0, 30.0, "rent"),
            row(null, 30.0, "free"),
            row(Double.NaN, Double.NaN, "rent"),
            row(1500.0, 24.0, "own"),
            row(1499.0, 12.5, "rent"),
            row(2500.0, 12.0, "castle"),
            row(900.0, 40.0, null));

    record Golden(String name, ModelPipeline pipeline) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of(
                new Golden("logistic-regression", PipelineFixtures.logisticRegression()),
                new Golden("xgboost", PipelineFixtures.xgboost()),
                new Golden("neural-network", PipelineFixtures.neuralNetwork()));
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void aKeptArtifactStillLoadsAndGivesItsRecordedPredictions(Golden golden) {
        double[] recorded = recordedPredictions(golden.name());
        try (var runner = OnnxModelRunner.load(resource(golden.name() + ".onnx"))) {
            assertThat(runner.metadata())
                    .containsEntry("algorithm", golden.pipeline().algorithm().name());
            assertThat(runner.probabilities(GOLDEN_ROWS)).containsExactly(recorded, within(1e-7));
        }
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void todaysExportOfTheSamePipelinePredictsWhatTheKeptArtifactRecorded(Golden golden) {
        double[] recorded = recordedPredictions(golden.name());
        try (var runner = OnnxModelRunner.load(export(golden.pipeline()))) {
            assertThat(runner.probabilities(GOLDEN_ROWS)).containsExactly(recorded, within(1e-7));
        }
        var evaluator = new PipelineEvaluator(golden.pipeline());
        assertThat(GOLDEN_ROWS.stream().mapToDouble(evaluator::probability).toArray())
                .containsExactly(recorded, within(1e-6));
    }

    static byte[] export(ModelPipeline pipeline) {
        return new PipelineOnnxExporter().export(pipeline, 1, 1);
    }

    private static double[] recordedPredictions(String name) {
        String text = new String(resource(name + ".predictions.txt"), StandardCharsets.UTF_8);
        return text.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = GoldenArtifactsTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the golden files into the directory given (default {@code src/test/resources/golden}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/golden");
        Files.createDirectories(dir);
        for (Golden golden : goldens().toList()) {
            byte[] onnx = export(golden.pipeline());
            Files.write(dir.resolve(golden.name() + ".onnx"), onnx);
            try (var runner = OnnxModelRunner.load(onnx)) {
                double[] p = runner.probabilities(GOLDEN_ROWS);
                List<String> lines = new ArrayList<>();
                lines.add("# probability_of_default of GoldenArtifactsTest.GOLDEN_ROWS, one per row, by ONNX Runtime");
                lines.addAll(
                        java.util.Arrays.stream(p).mapToObj(Double::toString).collect(Collectors.toList()));
                Files.write(dir.resolve(golden.name() + ".predictions.txt"), lines);
            }
        }
    }
}
