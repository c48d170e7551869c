package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.export.onnx.OnnxParityGate;
import io.creditscoring.export.onnx.PipelineOnnxExporter;
import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.trainer.LocalEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Spark engine against the local engine on the same rows of Taiwan in a real PostgreSQL: one Spark job (its own
 * JDK 17 JVM, {@code local[2]}) for the whole class, then the local engine's own classes on the same data. Same
 * split, same preprocessing, the same logistic regression up to the optimiser, and the pipeline goes through the
 * unchanged ONNX export and parity gate.
 */
class SparkTrainingParityTest {

    private static final String PORTFOLIO = "taiwan-spark-parity";
    /** Enough rows for a stable AUC, few enough for a quick test. */
    private static final int SAMPLE_ROWS = 8_000;

    @TempDir
    static Path work;

    static PortfolioSchema schema;
    static LocalEngine.LocalRun local;
    static JsonNode summary;
    static ModelPipeline sparkLr;
    static ModelPipeline sparkXgboost;
    static Map<String, Map<String, Double>> sparkTestProbabilities = new LinkedHashMap<>();

    @BeforeAll
    static void trainOnBothEngines() throws Exception {
        schema = TaiwanSample.schema(PORTFOLIO, BundledPortfolios.taiwanCards());
        assertThat(TaiwanSample.load(schema, SAMPLE_ROWS)).isEqualTo(SAMPLE_ROWS);
        Path schemaFile = work.resolve("schema.json");
        Files.writeString(schemaFile, CreditJson.json().writeValueAsString(schema));
        Path output = work.resolve("output");
        // Kept after the run, for the driver's log when something differs.
        Path log = Files.createDirectories(Path.of("target")).resolve("spark-job.log");
        int exit = SparkJobProcess.run(
                List.of(
                        "--portfolio", PORTFOLIO,
                        "--run-id", UUID.randomUUID().toString(),
                        "--schema", schemaFile.toString(),
                        "--jdbc-url", SharedPostgres.jdbcUrl(),
                        "--jdbc-user", SharedPostgres.username(),
                        "--output", output.toString()),
                SharedPostgres.password(),
                log);
        assertThat(exit)
                .as("Spark job exit status; log:\n%s", SparkJobProcess.tail(log))
                .isZero();

        summary = CreditJson.json().readTree(output.resolve("summary.json").toFile());
        System.out.println("Spark job timings (ms): " + summary.get("timingsMs"));
        sparkLr = pipeline(output, "LOGISTIC_REGRESSION");
        sparkXgboost = pipeline(output, "XGBOOST");
        for (String algorithm : List.of("LOGISTIC_REGRESSION", "XGBOOST")) {
            Map<String, Double> byId = new LinkedHashMap<>();
            List<String> lines =
                    Files.readAllLines(output.resolve(algorithm + ".test-probabilities.csv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                byId.put(cells[0], Double.parseDouble(cells[1]));
            }
            sparkTestProbabilities.put(algorithm, byId);
        }

        local = LocalEngine.train(SharedPostgres.dataSource(), schema);
    }

    private static ModelPipeline pipeline(Path output, String algorithm) {
        return CreditJson.json()
                .readValue(output.resolve(algorithm + ".pipeline.json").toFile(), ModelPipeline.class);
    }

    private static double sparkAuc(ModelPipeline pipeline) {
        List<LabelledRow> test = local.split().test();
        PipelineEvaluator evaluator = new PipelineEvaluator(pipeline);
        double[] p = test.stream()
                .mapToDouble(r -> evaluator.probability(r.features()))
                .toArray();
        return ProbabilityMetrics.of(p, defaulted(test)).auc();
    }

    private static boolean[] defaulted(List<LabelledRow> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).defaulted();
        }
        return out;
    }

    private static double sparkEvaluatorAuc(String algorithm) {
        for (JsonNode model : summary.get("models")) {
            if (model.get("algorithm").asString().equals(algorithm)) {
                return model.get("sparkTestAuc").asDouble();
            }
        }
        throw new AssertionError("no " + algorithm + " in the job's summary");
    }

    @Test
    void splitsTheSameRowsAsTheLocalEngine() throws Exception {
        assertThat(summary.get("rows").asInt()).isEqualTo(SAMPLE_ROWS);
        assertThat(summary.get("trainingRows").asInt())
                .isEqualTo(local.split().train().size());
        assertThat(summary.get("validationRows").asInt())
                .isEqualTo(local.split().validation().size());
        assertThat(summary.get("testRows").asInt())
                .isEqualTo(local.split().test().size());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (LabelledRow row : local.split().test()) {
            digest.update((row.applicationId() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(summary.get("testIdsSha256").asString())
                .isEqualTo(HexFormat.of().formatHex(digest.digest()));
        assertThat(sparkTestProbabilities.get("XGBOOST").keySet())
                .containsExactlyElementsOf(
                        sparkTestProbabilities.get("LOGISTIC_REGRESSION").keySet());
        assertThat(sparkTestProbabilities.get("LOGISTIC_REGRESSION").keySet())
                .containsExactlyElementsOf(local.split().test().stream()
                        .map(LabelledRow::applicationId)
                        .toList());
    }

    @Test
    void fitsTheSamePreprocessing() {
        List<InputTransform> expected = local.preprocessing().scaled().inputs();
        List<InputTransform> actual = sparkLr.preprocessing().inputs();
        assertThat(actual)
                .extracting(InputTransform::feature)
                .containsExactlyElementsOf(
                        expected.stream().map(InputTransform::feature).toList());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) instanceof NumericInput e) {
                NumericInput a = (NumericInput) actual.get(i);
                assertThat(a.imputeValue()).as("median of %s", e.feature()).isEqualTo(e.imputeValue());
                assertThat(a.center())
                        .as("mean of %s", e.feature())
                        .isCloseTo(e.center(), within(1e-9 * (1 + Math.abs(e.center()))));
                assertThat(a.scale()).as("std of %s", e.feature()).isCloseTo(e.scale(), within(1e-9 * e.scale()));
                assertThat(a.missingIndicator()).isEqualTo(e.missingIndicator());
            } else {
                assertThat(actual.get(i)).isEqualTo((CategoricalInput) expected.get(i));
            }
        }
        assertThat(sparkLr.algorithm()).isEqualTo(Algorithm.LOGISTIC_REGRESSION);
        assertThat(sparkLr.portfolio()).isEqualTo(PORTFOLIO);
        assertThat(sparkLr.metadata()).containsEntry("engine", "spark").containsEntry("seed", "42");
    }

    @Test
    void logisticRegressionAucMatchesTheLocalEngineOnTheSameTestSplit() {
        double sparkAuc = sparkAuc(sparkLr);
        double localAuc = ProbabilityMetrics.of(
                        local.lr().testProbabilities(), defaulted(local.split().test()))
                .auc();
        System.out.printf(
                "Taiwan sample (%d rows), LR test AUC: local %.6f, spark %.6f (Spark's own evaluator %.6f)%n",
                SAMPLE_ROWS, localAuc, sparkAuc, sparkEvaluatorAuc("LOGISTIC_REGRESSION"));
        assertThat(localAuc).as("local LR AUC, a sanity bound").isGreaterThan(0.65);
        assertThat(sparkAuc).isCloseTo(localAuc, within(0.005));
        LinearModel model = (LinearModel) sparkLr.model();
        assertThat(model.weights()).hasSize(sparkLr.preprocessing().width());
    }

    @Test
    void xgboostAucMatchesTheLocalEngineOnTheSameTestSplit() {
        double sparkAuc = sparkAuc(sparkXgboost);
        double localAuc = ProbabilityMetrics.of(
                        local.xgboost().testProbabilities(),
                        defaulted(local.split().test()))
                .auc();
        System.out.printf(
                "Taiwan sample (%d rows), XGBoost test AUC: local %.6f, spark %.6f (Spark's own evaluator %.6f);"
                        + " rounds local %s, spark %s%n",
                SAMPLE_ROWS,
                localAuc,
                sparkAuc,
                sparkEvaluatorAuc("XGBOOST"),
                local.xgboost().details().get("bestRound"),
                sparkXgboost.metadata().get("fit.bestRound"));
        assertThat(localAuc).as("local XGBoost AUC, a sanity bound").isGreaterThan(0.7);
        assertThat(sparkAuc).isCloseTo(localAuc, within(0.005));
        assertThat(sparkXgboost.algorithm()).isEqualTo(Algorithm.XGBOOST);
        assertThat(sparkXgboost.preprocessing().inputs())
                .containsExactlyElementsOf(local.preprocessing().trees().inputs());
        assertThat(sparkXgboost.metadata().get("fit.monotoneConstraints"))
                .isEqualTo(local.xgboost().details().get("monotoneConstraints"));
    }

    @Test
    void exportsToOnnxThroughTheUnchangedParityGate() {
        List<LabelledRow> test = local.split().test();
        List<Map<String, Object>> rows =
                test.stream().map(LabelledRow::features).toList();
        for (ModelPipeline pipeline : List.of(sparkLr, sparkXgboost)) {
            Map<String, Double> own =
                    sparkTestProbabilities.get(pipeline.algorithm().name());
            double[] sparkOwn =
                    test.stream().mapToDouble(r -> own.get(r.applicationId())).toArray();
            byte[] onnx = new PipelineOnnxExporter().export(pipeline, 1, 1);
            OnnxParityGate.ParityReport report = new OnnxParityGate().check(onnx, rows, sparkOwn);
            System.out.printf(
                    "Spark %s ONNX parity on %d test rows: max |dp| %.3g%n",
                    pipeline.algorithm(), report.rows(), report.maxAbsDiff());
            assertThat(report.rows()).isEqualTo(test.size());
            assertThat(report.maxAbsDiff()).isLessThanOrEqualTo(OnnxParityGate.TOLERANCE);
        }
    }
}
