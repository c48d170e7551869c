package io.creditscoring.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The training job: for one portfolio and run, reads the labelled rows distributed, splits them like the local
 * engine, fits the preprocessing and the models with Spark, and writes into the output directory
 *
 * <ul>
 *   <li>{@code <ALGORITHM>.pipeline.json}: the fitted pipeline as model-pipeline's plain numbers;
 *   <li>{@code <ALGORITHM>.test-probabilities.csv}: the library's own probability for each test row, in the local
 *       engine's row order (what the ONNX parity gate compares against);
 *   <li>{@code summary.json}: rows, split sizes, a hash of the test ids, dropped features, fit details, timings;
 *   <li>{@code failure.txt}: the reason, when the job fails (exit status 1).
 * </ul>
 *
 * <p>Started by {@code spark-submit} (any master) or as {@code java -jar} (then {@code local[2]} unless
 * {@code -Dspark.master} says otherwise).
 */
public final class SparkTrainingJob {

    public static final String LOGISTIC_REGRESSION = "LOGISTIC_REGRESSION";
    public static final String XGBOOST = "XGBOOST";

    private SparkTrainingJob() {}

    public static void main(String[] args) {
        JobArguments job = JobArguments.parse(args, System.getenv());
        try {
            Files.createDirectories(job.output());
            Files.deleteIfExists(job.output().resolve("failure.txt"));
            run(job);
        } catch (RuntimeException | IOException | Error e) {
            writeFailure(job.output(), e);
            System.err.println("Spark training job failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(JobArguments job) throws IOException {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]");
        }
        conf.setAppName("credit-scoring training " + job.portfolio() + " " + job.runId());
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            train(spark, job);
        } finally {
            spark.stop();
        }
    }

    private static void train(SparkSession spark, JobArguments job) throws IOException {
        Map<String, Long> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        TrainingSchema schema = TrainingSchema.read(job.schemaFile());
        LabelledRowsReader.LabelledRows labelled = new LabelledRowsReader(spark, job).read(schema);
        Dataset<Row> rows = labelled.rows().persist(StorageLevel.MEMORY_AND_DISK());
        long read = rows.count();
        if (read != labelled.ids().size()) {
            throw new IllegalStateException("the partitioned read found " + read + " of the "
                    + labelled.ids().size() + " labelled applications listed: rows changed during the read");
        }
        timings.put("read", elapsed(started));
        int trainRows = labelled.count(StratifiedSplit.TRAIN);
        if (trainRows == 0) {
            throw new IllegalArgumentException("portfolio '" + job.portfolio() + "' has no labelled rows to train on");
        }

        long step = System.nanoTime();
        PreprocessingFitter.Fitted fitted =
                PreprocessingFitter.fit(schema, part(rows, StratifiedSplit.TRAIN), trainRows, job.settings());
        timings.put("preprocessing", elapsed(step));

        ObjectNode summary = PipelineJson.MAPPER.createObjectNode();
        summary.put("portfolio", job.portfolio());
        summary.put("runId", job.runId());
        summary.put("engine", "spark");
        summary.put("sparkVersion", spark.version());
        summary.put("rows", labelled.ids().size());
        int defaults = 0;
        for (boolean d : labelled.defaulted()) {
            defaults += d ? 1 : 0;
        }
        summary.put("defaults", defaults);
        summary.put("trainingRows", trainRows);
        summary.put("validationRows", labelled.count(StratifiedSplit.VALIDATION));
        summary.put("testRows", labelled.count(StratifiedSplit.TEST));
        summary.put("testIdsSha256", testIdsSha256(labelled));
        ArrayNode dropped = summary.putArray("dropped");
        for (FittedInput.Dropped d : fitted.dropped()) {
            dropped.addObject().put("feature", d.feature()).put("reason", d.reason());
        }
        ArrayNode models = summary.putArray("models");

        if (job.algorithms().contains(LOGISTIC_REGRESSION)) {
            step = System.nanoTime();
            Dataset<Row> scaled =
                    ModelVectors.withVector(rows, fitted.scaled()).persist(StorageLevel.MEMORY_AND_DISK());
            LogisticRegressionFit.Result lr =
                    LogisticRegressionFit.fit(part(scaled, StratifiedSplit.TRAIN), trainRows, job.settings());
            Dataset<Row> test = LogisticRegressionFit.probabilities(lr.model(), part(scaled, StratifiedSplit.TEST));
            writeModel(
                    job,
                    labelled,
                    models,
                    LOGISTIC_REGRESSION,
                    PipelineJson.linear(
                            job.portfolio(),
                            fitted.scaled(),
                            lr.weights(),
                            lr.intercept(),
                            metadata(job, spark, trainRows, lr.details())),
                    test,
                    lr.details());
            scaled.unpersist();
            timings.put("logisticRegression", elapsed(step));
        }
        if (job.algorithms().contains(XGBOOST)) {
            step = System.nanoTime();
            Dataset<Row> trees = ModelVectors.withVector(rows, fitted.trees()).persist(StorageLevel.MEMORY_AND_DISK());
            XgboostFit.Result xgb = XgboostFit.fit(
                    part(trees, StratifiedSplit.TRAIN),
                    part(trees, StratifiedSplit.VALIDATION),
                    fitted.trees(),
                    schema,
                    job.settings().xgboost().withTrackerHost(spark.conf().get("spark.driver.host", null)),
                    job.settings().seed());
            Dataset<Row> test = XgboostFit.probabilities(xgb.sparkModel(), part(trees, StratifiedSplit.TEST));
            writeModel(
                    job,
                    labelled,
                    models,
                    XGBOOST,
                    PipelineJson.pipeline(
                            job.portfolio(),
                            XGBOOST,
                            fitted.trees(),
                            xgb.model(),
                            metadata(job, spark, trainRows, xgb.details())),
                    test,
                    xgb.details());
            trees.unpersist();
            timings.put("xgboost", elapsed(step));
        }
        rows.unpersist();

        timings.put("total", elapsed(started));
        ObjectNode t = summary.putObject("timingsMs");
        timings.forEach(t::put);
        writeJson(job.output().resolve("summary.json"), summary);
    }

    private static Dataset<Row> part(Dataset<Row> rows, int part) {
        return rows.where(rows.col(LabelledRowsReader.PART).equalTo(part));
    }

    /** Writes one fitted model's pipeline and test probabilities, and adds it to the summary. */
    private static void writeModel(
            JobArguments job,
            LabelledRowsReader.LabelledRows labelled,
            ArrayNode models,
            String algorithm,
            ObjectNode pipeline,
            Dataset<Row> testProbabilities,
            Map<String, String> fitDetails)
            throws IOException {
        writeJson(job.output().resolve(algorithm + ".pipeline.json"), pipeline);
        writeProbabilities(job.output().resolve(algorithm + ".test-probabilities.csv"), labelled, testProbabilities);
        ObjectNode model = models.addObject();
        model.put("algorithm", algorithm);
        model.put("sparkTestAuc", auc(testProbabilities));
        ObjectNode details = model.putObject("details");
        fitDetails.forEach(details::put);
    }

    private static Map<String, String> metadata(
            JobArguments job, SparkSession spark, int trainRows, Map<String, String> details) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("engine", "spark");
        metadata.put("runId", job.runId());
        metadata.put("splitKind", "STRATIFIED");
        metadata.put("seed", Long.toString(job.settings().seed()));
        metadata.put("trainingRows", Integer.toString(trainRows));
        metadata.put("library.spark", spark.version());
        details.forEach((k, v) -> metadata.put("fit." + k, v));
        return metadata;
    }

    /** Spark's own test AUC, for the summary (the run's metrics are computed by the training service). */
    private static double auc(Dataset<Row> probabilities) {
        return new BinaryClassificationEvaluator()
                .setLabelCol(LabelledRowsReader.LABEL)
                .setRawPredictionCol("probability")
                .setMetricName("areaUnderROC")
                .evaluate(probabilities);
    }

    private static void writeProbabilities(Path file, LabelledRowsReader.LabelledRows labelled, Dataset<Row> test)
            throws IOException {
        Map<String, Double> byId = new HashMap<>();
        for (Row r : test.select(LabelledRowsReader.ID, "probability").collectAsList()) {
            byId.put(r.getString(0), r.getDouble(1));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("application_id,probability\n");
            List<String> ids = labelled.ids();
            for (int i = 0; i < ids.size(); i++) {
                if (labelled.parts()[i] == StratifiedSplit.TEST) {
                    Double p = byId.get(ids.get(i));
                    if (p == null) {
                        throw new IllegalStateException("no probability for test application " + ids.get(i));
                    }
                    out.write(ids.get(i) + "," + String.format(Locale.ROOT, "%.17g", p) + "\n");
                }
            }
        }
    }

    /** SHA-256 over the test split's application ids, one per line, in the local engine's order. */
    private static String testIdsSha256(LabelledRowsReader.LabelledRows labelled) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < labelled.ids().size(); i++) {
                if (labelled.parts()[i] == StratifiedSplit.TEST) {
                    digest.update((labelled.ids().get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest.digest()) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        PipelineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    }

    private static void writeFailure(Path output, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        try {
            Files.createDirectories(output);
            Files.writeString(output.resolve("failure.txt"), reason + "\n\n" + trace, StandardCharsets.UTF_8);
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the failure reason to " + output, io);
        }
    }

    private static long elapsed(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
