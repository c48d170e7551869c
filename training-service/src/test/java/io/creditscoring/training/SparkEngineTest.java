package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedObjectStore;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.dataset.TrainingSet;
import io.creditscoring.training.dataset.TrainingSetReader;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.preprocess.InformationValueCalculator;
import io.creditscoring.training.run.QueuedRetrains;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.spark.SparkJobOutputs;
import io.creditscoring.training.spark.SparkOutcomes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The Spark engine through the REST API: a run with {@code {"engine":"spark"}} on a stratified twelfth of Taiwan
 * (every twelfth application of each class: 2,500 rows) starts the spark-training job in its own JDK 17 JVM (Spark
 * {@code local[2]}, the module's surefire configuration gives the job's class path), shows its Spark UI while it runs,
 * serves its driver log, and ends with three models (logistic regression, XGBoost, the neural network) whose AUCs
 * are within 0.005 of a local run's on the same rows,
 * calibrated, exported to ONNX, through the parity gate and registered. One successful Spark run for the whole class
 * (and one short failing job): the suite's budget allows the class about 90 s on 2 cores, and a Spark job's cost is
 * mostly its Spark jobs' count (one per L-BFGS iteration, a few per preprocessing fit, two per network epoch), so the
 * rows are few. The network added about 7 s (6.3 s in the job, under 1 s locally). Two more Spark runs, smaller: one
 * on a Parquet data set on an object store (with the search, and the out-of-time split's fallback), and a drift retrain
 * with the out-of-time split on its window, against the local engine's read and split of that window.
 */
@TrainingServiceTest
class SparkEngineTest {

    private static final double AUC_TOLERANCE = 0.005;
    private static final List<Algorithm> SPARK_ALGORITHMS =
            List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.XGBOOST, Algorithm.NEURAL_NETWORK);

    /**
     * The networks' calibrated Brier scores differ more than their AUCs (0.0112 in one run, the AUCs within 0.005):
     * the Spark network averages two workers' epochs, so its folds keep more epochs (15 against 11 locally) and the
     * refits are networks trained for different lengths, whose probabilities (not their order) differ.
     */
    private static final double NETWORK_BRIER_TOLERANCE = 0.015;

    private static final String SAMPLE = "taiwan-twelfth";
    /**
     * Both runs' XGBoost without row and column sampling: the two engines draw their samples from different random
     * streams, which on 2,000 training rows moved the mean fold AUC by more than the tolerance (0.0057 in one run).
     */
    private static final String XGBOOST_UNSAMPLED =
            "\"params\": {\"xgboost.subsample\": 1.0, \"xgboost.colsampleBytree\": 1.0}";

    private static final int EVERY = 12;

    /** The one bucket the module's test configuration allows ({@code training.spark.sources.allowed-buckets}). */
    private static final String DATA_BUCKET = "training-data";

    private static final String OBJECT_STORE_PORTFOLIO = "taiwan-object-store";

    private static UUID sparkRun;
    private static UUID localRun;

    /**
     * The object-store run's parameters: XGBoost only, 2 folds and a search of 2 trials (the class's one Spark search:
     * its second trial costs one more XGBoost cross-validation of 834 rows, a few seconds); and the out-of-time split,
     * which a data set at a path cannot have (it carries no submission time): the stratified fallback, with its note.
     */
    private static final Map<String, Object> OBJECT_STORE_PARAMS =
            Map.of("crossValidation.folds", 2, "search.trials", 2, "split.outOfTime", true);

    private static UUID objectStoreRun;
    /** The object-store run's Parquet file, its ETag as S3 reports it and its labelled rows. */
    private static byte[] objectStoreFile;

    private static String objectStoreEtag;
    private static int objectStoreRows;
    /** The ids of the object-store run's labelled rows. */
    private static List<String> objectStoreIds;

    /**
     * The class's retrain on Spark: a portfolio of every 24th Taiwan application of each class whose outcomes were
     * observed within the retrains' window, and older ones outside it.
     */
    private static final String RETRAIN_PORTFOLIO = "taiwan-retrain";

    /** The retrain's parameters: XGBoost alone on 2 folds (the cheapest Spark fit here), the out-of-time split. */
    private static final Map<String, Object> RETRAIN_PARAMS =
            Map.of("split.outOfTime", true, "crossValidation.folds", 2);

    private static UUID retrainRun;
    /** The retrain portfolio's rows within the window, and how many it holds outside it. */
    private static int retrainWindowRows;

    private static int retrainOldRows;
    /** Rows the service held as feature rows during each run, by where they came from ({@code training.rows.read}). */
    private static Map<String, Double> sparkRunRowsRead;

    private static Map<String, Double> localRunRowsRead;

    /** {@code training.spark.sample-size} in the module's test configuration. */
    private static final int SAMPLE_SIZE = 400;

    private static final List<String> uiSeenWhileRunning = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TrainingProperties properties;

    @Autowired
    ApplicationContext context;

    @Autowired
    TrainingSetReader reader;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
    }

    /** The class's one Spark run on Taiwan, watched while it runs; waits until it is finished. */
    private synchronized JsonNode sparkRun() {
        if (sparkRun == null) {
            loadSample(catalog);
            Map<String, Double> before = rowsRead();
            UUID runId = BundledRuns.start(client, SAMPLE, "{\"engine\": \"spark\", " + XGBOOST_UNSAMPLED + "}");
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        JsonNode run = client.get("/v1/training-runs/" + runId).getBody();
                        String status = run.get("status").asString();
                        JsonNode ui = run.at("/spark/uiUrl");
                        if (status.equals("RUNNING") && ui.isString()) {
                            uiSeenWhileRunning.add(ui.asString());
                        }
                        return status.equals("SUCCEEDED") || status.equals("FAILED");
                    });
            sparkRun = runId;
            sparkRunRowsRead = since(before);
        }
        return client.get("/v1/training-runs/" + sparkRun).getBody();
    }

    private synchronized JsonNode localRun() {
        if (localRun == null) {
            loadSample(catalog);
            Map<String, Double> before = rowsRead();
            localRun = BundledRuns.start(
                    client,
                    SAMPLE,
                    "{\"algorithms\": [\"LOGISTIC_REGRESSION\", \"XGBOOST\", \"NEURAL_NETWORK\"], " + XGBOOST_UNSAMPLED
                            + "}");
            JsonNode run = awaitFinished(localRun);
            localRunRowsRead = since(before);
            return run;
        }
        return awaitFinished(localRun);
    }

    /** The sample portfolio's rows read so far, by source; runs take turns (one worker), so a difference is a run's. */
    private Map<String, Double> rowsRead() {
        Map<String, Double> read = new java.util.TreeMap<>();
        for (String source : List.of("database", "spark-sample")) {
            var counter = meters.find(TrainingSetReader.ROWS_READ)
                    .tag("portfolio", SAMPLE)
                    .tag("source", source)
                    .counter();
            read.put(source, counter == null ? 0 : counter.count());
        }
        return read;
    }

    private Map<String, Double> since(Map<String, Double> before) {
        Map<String, Double> read = rowsRead();
        read.replaceAll((source, n) -> n - before.get(source));
        return read;
    }

    /** Runs wait for each other (one worker per instance): long bounds, the Spark run may be ahead in the queue. */
    private JsonNode awaitFinished(UUID runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = client.get("/v1/training-runs/" + runId).getBody();
                    String status = last[0].get("status").asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return last[0];
    }

    /** Every twelfth Taiwan application of each class, as a portfolio of its own with Taiwan's schema. */
    private static synchronized void loadSample(PortfolioCatalog catalog) {
        PortfolioSchema taiwan = BundledPortfolios.taiwanCards();
        catalog.registerIfAbsent(new PortfolioSchema(
                SAMPLE,
                "every twelfth Taiwan application of each class",
                taiwan.idColumn(),
                taiwan.target(),
                taiwan.csv(),
                taiwan.features()));
        int[] seen = new int[2];
        List<LabelledDataFixture.Row> sample = new ArrayList<>();
        for (LabelledDataFixture.Row row : LabelledDataFixture.parse(SampleData.TAIWAN_CARDS, taiwan)) {
            if (seen[row.defaulted() ? 1 : 0]++ % EVERY == 0) {
                sample.add(row);
            }
        }
        LabelledDataFixture.insert(SAMPLE, sample);
    }

    /** The ids of the sample's runs that the run list gives for one engine. */
    private List<String> listed(String engine) {
        JsonNode page = client.get("/v1/training-runs?portfolio=" + SAMPLE + "&engine=" + engine)
                .getBody();
        List<String> ids = new ArrayList<>();
        page.get("runs").forEach(run -> ids.add(run.get("runId").asString()));
        return ids;
    }

    private static JsonNode model(JsonNode run, Algorithm algorithm) {
        for (JsonNode model : run.get("models")) {
            if (model.get("algorithm").asString().equals(algorithm.name())) {
                return model;
            }
        }
        throw new AssertionError("no " + algorithm + " in " + run);
    }

    @Test
    void sparkRunMatchesTheLocalEngineOnTaiwanThroughTheParityGateIntoTheRegistry() {
        JsonNode spark = sparkRun();
        String log = client.getText("/v1/training-runs/" + sparkRun + "/driver-log");
        assertThat(spark.get("status").asString())
                .as("%s%nend of the driver log:%n%s", spark, tail(log))
                .isEqualTo("SUCCEEDED");
        JsonNode local = localRun();
        assertThat(local.get("status").asString()).as(local.toString()).isEqualTo("SUCCEEDED");
        // 553 of Taiwan's 6,636 defaults and 1,947 of its 23,364 others; a fifth of each class tested
        assertThat(spark.at("/lineage/datasetRows").asInt()).isEqualTo(2_500);
        assertThat(spark.get("trainingRows").asInt()).isEqualTo(2_000);

        assertThat(spark.get("engine").asString()).isEqualTo("spark");
        assertThat(local.get("engine").asString()).isEqualTo("local");
        // the run list tells them apart by engine
        assertThat(listed("spark")).containsExactly(sparkRun.toString());
        assertThat(listed("local")).containsExactly(localRun.toString());
        // the same rows and the same split: the same test applications, hashed by the job and by the service
        assertThat(spark.at("/lineage/datasetSha256").asString())
                .isEqualTo(local.at("/lineage/datasetSha256").asString());
        assertThat(spark.at("/lineage/testIdsSha256").asString())
                .hasSize(64)
                .isEqualTo(local.at("/lineage/testIdsSha256").asString());
        assertThat(spark.get("trainingRows").asInt())
                .isEqualTo(local.get("trainingRows").asInt());
        assertThat(spark.get("testRows").asInt())
                .isEqualTo(local.get("testRows").asInt());

        assertThat(spark.get("models")).hasSize(SPARK_ALGORITHMS.size());
        for (Algorithm algorithm : SPARK_ALGORITHMS) {
            JsonNode s = model(spark, algorithm);
            JsonNode l = model(local, algorithm);
            // the measured differences, for whoever revisits the tolerances
            System.out.printf(
                    "SparkEngineTest %s spark-local: test AUC %+.4f, mean fold AUC %+.4f, Brier %+.4f%n",
                    algorithm,
                    s.at("/metrics/auc").asDouble() - l.at("/metrics/auc").asDouble(),
                    s.get("cvAuc").asDouble() - l.get("cvAuc").asDouble(),
                    s.at("/metrics/brier").asDouble() - l.at("/metrics/brier").asDouble());
            assertThat(s.at("/metrics/auc").asDouble())
                    .as("%s test AUC on Spark against the local engine's %s", algorithm, l.at("/metrics/auc"))
                    .isCloseTo(l.at("/metrics/auc").asDouble(), within(AUC_TOLERANCE));
            assertThat(s.get("cvAuc").asDouble())
                    .as("%s mean fold AUC", algorithm)
                    .isCloseTo(l.get("cvAuc").asDouble(), within(AUC_TOLERANCE));
            // exported to ONNX, gated (ONNX Runtime against Spark's own probabilities) and registered
            assertThat(s.get("modelVersion").isNull())
                    .as("%s registered", algorithm)
                    .isFalse();
            assertThat(s.get("onnxParityMaxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
            // calibrated like the local engine's (Platt scaling on the out-of-fold probabilities, in the pipeline)
            assertThat(s.at("/metrics/ece").asDouble())
                    .as("%s: the calibration changed the probabilities", algorithm)
                    .isNotEqualTo(s.at("/metrics/eceUncalibrated").asDouble());
            assertThat(s.at("/metrics/brier").asDouble())
                    .as("%s Brier score of the calibrated probabilities against the local engine's", algorithm)
                    .isCloseTo(
                            l.at("/metrics/brier").asDouble(),
                            within(algorithm == Algorithm.NEURAL_NETWORK ? NETWORK_BRIER_TOLERANCE : AUC_TOLERANCE));
        }
        assertThat(spark.get("trials"))
                .allSatisfy(trial -> assertThat(trial.get("trial").asInt()).isEqualTo(1));
    }

    /**
     * The service holds no row of its own for a Spark run: it does not read the training set (the local run on the
     * same portfolio reads all 2,500 rows through the same reader), and the only feature rows it takes are the job's
     * seeded samples, at most {@code training.spark.sample-size} test and training rows (400 each here, fewer than the
     * 500 test and 2,000 training rows, so that the sampled path of the parity gate and the reference sample is the
     * one tested). Everything else came as arrays (the information values as the job's counts by bin), and the
     * metrics above still match.
     */
    @Test
    void aSparkRunHoldsOnlyTheJobsBoundedSamplesAsRows() {
        JsonNode spark = sparkRun();
        assertThat(spark.get("status").asString()).as(spark.toString()).isEqualTo("SUCCEEDED");
        JsonNode local = localRun();
        assertThat(local.get("status").asString()).as(local.toString()).isEqualTo("SUCCEEDED");

        assertThat(localRunRowsRead).containsEntry("database", 2_500.0).containsEntry("spark-sample", 0.0);
        assertThat(sparkRunRowsRead)
                .as("feature rows the service held during the Spark run, by source")
                .containsEntry("database", 0.0)
                .containsEntry("spark-sample", 2.0 * SAMPLE_SIZE);
        assertThat(spark.get("testRows").asInt()).isGreaterThan(SAMPLE_SIZE);
        for (Algorithm algorithm : SPARK_ALGORITHMS) {
            // gated on the sample of test rows, and registered
            assertThat(model(spark, algorithm).get("onnxParityMaxAbsDiff").asDouble())
                    .isLessThanOrEqualTo(1e-5);
        }
        // its information values come from the job's counts of every training row, not from the sample
        String report = client.getText("/v1/training-runs/" + sparkRun + "/report");
        assertThat(report).contains("Information value (training split)").doesNotContain("a seeded sample of");
    }

    /**
     * The report's information values of the Spark run, from the job's distributed counts of all 2,000 training rows
     * (exact quantile edges), are the local engine's table of the same rows: {@code InformationValueCalculator.table}
     * on the local engine's read and split of the portfolio. Checked twice: the table the service builds from the
     * job's file (the runner's own calls) against the local one, labels and counts exactly; and the Spark run's
     * report, whose information-value section must be the local run's, character for character. The sample the
     * service once computed them on (400 rows here) gives other edges and counts.
     */
    @Test
    void aSparkRunsInformationValuesAreTheLocalEnginesOnEveryTrainingRow() throws Exception {
        JsonNode spark = sparkRun();
        assertThat(spark.get("status").asString()).as(spark.toString()).isEqualTo("SUCCEEDED");
        JsonNode local = localRun();
        assertThat(local.get("status").asString()).as(local.toString()).isEqualTo("SUCCEEDED");

        PortfolioSchema schema = catalog.find(SAMPLE).orElseThrow().schema();
        RunSettings settings = RunSettings.of(properties, Map.of());
        DataSplit split =
                DatasetSplitter.split(reader.read(schema, 2_000, null).rows(), settings.split(), settings.seed());
        assertThat(split.train()).hasSizeGreaterThan(SAMPLE_SIZE);
        List<InformationValue> expected = InformationValueCalculator.table(
                schema, split.train(), settings.preprocessing().ivBins());

        SparkJobOutputs outputs = SparkJobOutputs.read(jobOutput(sparkRun), schema);
        assertThat(outputs.informationValueBins()).as("the job's counts").isNotNull();
        List<InformationValue> fromJob =
                SparkOutcomes.informationValues(schema, outputs.informationValueBins(), outputs.rows());
        assertThat(fromJob)
                .extracting(InformationValue::feature)
                .containsExactlyElementsOf(
                        expected.stream().map(InformationValue::feature).toList());
        for (int i = 0; i < expected.size(); i++) {
            InformationValue e = expected.get(i);
            InformationValue s = fromJob.get(i);
            assertThat(s.bins())
                    .as("%s: label, rows, defaults of each bin", e.feature())
                    .extracting(InformationValue.Bin::label, InformationValue.Bin::rows, InformationValue.Bin::defaults)
                    .containsExactlyElementsOf(e.bins().stream()
                            .map(b -> Tuple.tuple(b.label(), b.rows(), b.defaults()))
                            .toList());
            assertThat(s.iv()).as("%s IV", e.feature()).isCloseTo(e.iv(), within(1e-12));
        }

        assertThat(ivSection(client.getText("/v1/training-runs/" + sparkRun + "/report")))
                .isEqualTo(ivSection(client.getText("/v1/training-runs/" + localRun + "/report")));
    }

    /** The information-value section of a run's HTML report. */
    private static String ivSection(String report) {
        int from = report.indexOf("<section id=\"iv\">");
        assertThat(from).as("the report's information values").isNotNegative();
        return report.substring(from, report.indexOf("</section>", from));
    }

    @Test
    void sparkRunShowsItsMasterUiWhileRunningAndServesItsDriverLog() {
        JsonNode spark = sparkRun();

        assertThat(spark.at("/spark/master").asString()).isEqualTo("local[2]");
        assertThat(uiSeenWhileRunning)
                .as("the Spark UI URL while the run was RUNNING")
                .isNotEmpty();
        assertThat(uiSeenWhileRunning.getFirst()).startsWith("http://");
        // the driver's UI ends with the job: not shown after the run
        assertThat(spark.at("/spark/uiUrl").isNull()).isTrue();
        assertThat(spark.at("/spark/driverLog").asString()).isEqualTo("/v1/training-runs/" + sparkRun + "/driver-log");
        String log = client.getText("/v1/training-runs/" + sparkRun + "/driver-log");
        assertThat(log).contains("SPARK_UI_URL " + uiSeenWhileRunning.getFirst());
    }

    @Test
    void sparkRunsRefuseWhatTheSparkEngineCannotDo() {
        loadSample(catalog);
        var unknown = client.postJson("/v1/portfolios/" + SAMPLE + "/training-runs", Map.of("engine", "hadoop"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().at("/errors/0/field").asString()).isEqualTo("engine");

        // a data set at a path: only in an allowed bucket, only s3a:// (and file: under an allowed directory)
        var otherBucket = client.postJson(
                "/v1/portfolios/" + SAMPLE + "/training-runs",
                Map.of("engine", "spark", "source", Map.of("path", "s3a://someone-elses/data.csv")));
        assertThat(otherBucket.getStatusCode().value()).isEqualTo(400);
        assertThat(otherBucket.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(otherBucket.getBody().at("/errors/0/field").asString()).isEqualTo("source.path");
        assertThat(otherBucket.getBody().at("/errors/0/message").asString())
                .contains("'someone-elses' is not in training.spark.sources.allowed-buckets");
        var http = client.postJson(
                "/v1/portfolios/" + SAMPLE + "/training-runs",
                Map.of("engine", "spark", "source", Map.of("path", "https://" + DATA_BUCKET + "/data.csv")));
        assertThat(http.getStatusCode().value()).isEqualTo(400);
        assertThat(http.getBody().at("/errors/0/field").asString()).isEqualTo("source.path");
        var local = client.postJson(
                "/v1/portfolios/" + SAMPLE + "/training-runs",
                Map.of("engine", "local", "source", Map.of("path", "s3a://" + DATA_BUCKET + "/data.csv")));
        assertThat(local.getStatusCode().value()).isEqualTo(400);
        assertThat(local.getBody().at("/errors/0/field").asString()).isEqualTo("source");
    }

    /**
     * A run that names a Parquet data set on an object store instead of ingestion's tables: the job reads it over
     * s3a:// (hadoop-aws on the job's class path only), finds the schema's columns in the file's own types (integer
     * ids, targets and categories, double and integer numbers, a null), the service trains on the rows the job read,
     * and the run's lineage says what was read. XGBoost only and 2 folds on every 36th application of each class (a
     * Spark job's cost is its Spark jobs' count, not its rows): the class's second successful Spark run. The job's CSV
     * reading is checked without a Spark run of the service, by spark-training's {@code FileRowsReaderTest}.
     */
    /**
     * The class's run on a Parquet data set on an object store (started once, by whichever test needs it first); waits
     * until it is finished.
     */
    private synchronized JsonNode objectStoreRun() throws Exception {
        if (objectStoreRun == null) {
            // a portfolio with Taiwan's schema and no row in ingestion's tables: whatever the run trains on, it read
            // there
            PortfolioSchema taiwan = BundledPortfolios.taiwanCards();
            catalog.registerIfAbsent(new PortfolioSchema(
                    OBJECT_STORE_PORTFOLIO,
                    "Taiwan applications read from an object store",
                    taiwan.idColumn(),
                    taiwan.target(),
                    taiwan.csv(),
                    taiwan.features()));
            List<String> lines;
            try (var in = SampleData.TAIWAN_CARDS.open()) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
            }
            List<String> header = List.of(lines.getFirst().split(","));
            List<List<String>> sample = new ArrayList<>();
            int[] seen = new int[2];
            for (String line : lines.subList(1, lines.size())) {
                int label = line.endsWith(",1") ? 1 : 0;
                if (seen[label]++ % 36 == 0) {
                    sample.add(new ArrayList<>(List.of(line.split(",", -1))));
                }
            }
            int rows = sample.size();
            int idColumn = header.indexOf(taiwan.idColumn());
            objectStoreIds = sample.stream().map(r -> r.get(idColumn)).toList();
            // a missing amount is a null in the file, imputed like any missing value
            sample.getFirst().set(header.indexOf("BILL_AMT6"), "");
            // an application without an outcome is not a labelled row: left out, and counted
            sample.add(List.of(
                    "900001", "50000", "2", "2", "1", "30", "0", "0", "0", "0", "0", "0", "1000", "1000", "1000",
                    "1000", "1000", "1000", "100", "100", "100", "100", "100", "100", ""));
            byte[] content = ParquetDataSet.of(taiwan, header, sample, Set.of("AGE"));
            SharedObjectStore.put(DATA_BUCKET, "taiwan/sample.parquet", content);
            String etag = SharedObjectStore.client()
                    .headObject(b -> b.bucket(DATA_BUCKET).key("taiwan/sample.parquet"))
                    .eTag();

            objectStoreRun = BundledRuns.start(
                    client,
                    OBJECT_STORE_PORTFOLIO,
                    "{\"engine\": \"spark\", \"algorithms\": [\"XGBOOST\"], \"source\": {\"path\": \"s3a://"
                            + DATA_BUCKET
                            + "/taiwan/sample.parquet\"}, \"params\": "
                            + CreditJson.json().writeValueAsString(OBJECT_STORE_PARAMS) + "}");
            objectStoreFile = content;
            objectStoreEtag = etag;
            objectStoreRows = rows;
        }
        return awaitFinished(objectStoreRun);
    }

    @Test
    void aRunReadsItsRowsFromAParquetDataSetOnAnObjectStore() throws Exception {
        JsonNode run = objectStoreRun();
        UUID runId = objectStoreRun;
        int rows = objectStoreRows;
        byte[] content = objectStoreFile;
        String etag = objectStoreEtag;

        assertThat(run.get("status").asString())
                .as(
                        "%s%nend of the driver log:%n%s",
                        run, tail(client.getText("/v1/training-runs/" + runId + "/driver-log")))
                .isEqualTo("SUCCEEDED");
        // 185 of the 6,636 defaults and 649 of the 23,364 others
        assertThat(rows).isEqualTo(834);
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(rows);
        assertThat(run.get("trainingRows").asInt() + run.get("testRows").asInt())
                .isEqualTo(rows);
        JsonNode source = run.at("/lineage/source");
        assertThat(source.get("path").asString()).isEqualTo("s3a://" + DATA_BUCKET + "/taiwan/sample.parquet");
        // the format from the path's extension
        assertThat(source.get("format").asString()).isEqualTo("parquet");
        assertThat(source.get("files").asInt()).isEqualTo(1);
        assertThat(source.get("bytes").asLong()).isEqualTo(content.length);
        // S3A gives the ETag without the quotes of its HTTP header
        assertThat(source.get("etag").asString()).isEqualTo(etag.replace("\"", ""));
        assertThat(source.get("fingerprint").asString()).startsWith("sha256:");
        assertThat(source.get("rowsSkipped").asLong()).isEqualTo(1);
        // a hash of the rows read, not of ingestion's copy of them
        assertThat(run.at("/lineage/datasetSha256").asString()).hasSize(64);

        // the out-of-time split asked for: a data set at a path has no submission times, so the local rule's fallback,
        // naming the first row in the job's order (Spark's, binary, of the ids as text)
        List<LabelledRow> read = new ArrayList<>();
        for (String id : objectStoreIds) {
            read.add(new LabelledRow(id, null, Map.of(), false));
        }
        read.sort(Comparator.comparing(LabelledRow::applicationId));
        RunSettings settings = RunSettings.of(properties, OBJECT_STORE_PARAMS);
        DataSplit fallback = DatasetSplitter.split(read, settings.split(), settings.seed());
        assertThat(fallback.note()).startsWith("out-of-time split asked for but not possible (application ");
        assertThat(run.at("/lineage/splitKind").asString()).isEqualTo("STRATIFIED");
        assertThat(client.getText("/v1/training-runs/" + runId + "/report")).contains("STRATIFIED: " + fallback.note());

        JsonNode xgboost = model(run, Algorithm.XGBOOST);
        assertThat(xgboost.at("/metrics/auc").asDouble()).as(run.toString()).isBetween(0.65, 0.9);
        assertThat(xgboost.get("modelVersion").isNull()).as("registered").isFalse();
        assertThat(xgboost.get("onnxParityMaxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
        assertThat(run.get("models")).hasSize(1);
    }

    /**
     * The hyper-parameter search on Spark, on the object-store run (XGBoost, 2 folds, {@code search.trials: 2}): the
     * job cross-validated trial 1 (the run's settings) and trial 2 (the values the local engine's sampler draws for the
     * run's seed), the run records both with their fold AUCs as a local run does, the best by the local rule (the
     * higher mean fold AUC, trial 1 on a tie), and the registered model is the job's refit of the best trial's
     * settings, with the rounds its folds' early stopping kept.
     */
    @Test
    void aSparkSearchRecordsEveryTrialWithItsFoldScoresAndRefitsTheBest() throws Exception {
        JsonNode run = objectStoreRun();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        JsonNode trials = run.get("trials");
        assertThat(trials).hasSize(2);
        JsonNode first = trials.get(0);
        JsonNode second = trials.get(1);
        assertThat(List.of(first, second))
                .allSatisfy(t -> assertThat(t.get("algorithm").asString()).isEqualTo("XGBOOST"));
        assertThat(first.get("trial").asInt()).isEqualTo(1);
        assertThat(second.get("trial").asInt()).isEqualTo(2);
        // trial 1 is the run's own settings; trial 2 the local engine's draw for this run's seed and fixed parameters
        assertThat(first.get("values").isEmpty()).isTrue();
        Map<String, Object> drawn = HyperparameterSearch.plan(
                        Algorithm.XGBOOST,
                        RunSettings.of(properties, OBJECT_STORE_PARAMS),
                        OBJECT_STORE_PARAMS.keySet())
                .get(1);
        assertThat(drawn).isNotEmpty();
        Map<String, Double> recorded = new java.util.TreeMap<>();
        second.get("values")
                .properties()
                .forEach(e -> recorded.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> expected = new java.util.TreeMap<>();
        drawn.forEach((name, value) -> expected.put(name, ((Number) value).doubleValue()));
        assertThat(recorded).isEqualTo(expected);

        // each trial scored on both folds by its own cross-validation
        for (JsonNode trial : trials) {
            JsonNode folds = trial.get("foldAucs");
            assertThat(folds).hasSize(2);
            assertThat(List.of(folds.get(0).asDouble(), folds.get(1).asDouble()))
                    .allSatisfy(auc -> assertThat(auc).isBetween(0.55, 1.0));
            assertThat(trial.get("meanAuc").asDouble())
                    .isCloseTo((folds.get(0).asDouble() + folds.get(1).asDouble()) / 2, within(1e-12));
            assertThat(trial.get("iterations").asInt()).as("the refit's rounds").isPositive();
            assertThat(trial.get("seconds").asDouble()).isPositive();
            System.out.printf(
                    "SparkEngineTest search: XGBOOST trial %d, mean fold AUC %.4f, %d rounds, %.1f s%n",
                    trial.get("trial").asInt(),
                    trial.get("meanAuc").asDouble(),
                    trial.get("iterations").asInt(),
                    trial.get("seconds").asDouble());
        }
        // other settings, other models: trial 2 was fitted with its own values, not trial 1's again
        assertThat(second.get("foldAucs")).isNotEqualTo(first.get("foldAucs"));

        // the best by the local rule: the higher mean fold AUC, the earlier trial on a tie
        JsonNode best = second.get("meanAuc").asDouble() > first.get("meanAuc").asDouble() ? second : first;
        JsonNode other = best == first ? second : first;
        assertThat(best.get("best").asBoolean()).isTrue();
        assertThat(other.get("best").asBoolean()).isFalse();
        JsonNode xgboost = model(run, Algorithm.XGBOOST);
        assertThat(xgboost.get("cvAuc").asDouble())
                .isEqualTo(best.get("meanAuc").asDouble());

        // the job refitted the best trial's settings for its folds' rounds: its own record of the refit says so
        Map<String, String> fit = recordedFit(objectStoreRun, Algorithm.XGBOOST);
        assertThat(fit)
                .containsEntry("engine", "spark")
                .containsEntry("refit.trial", best.get("trial").asString())
                .containsEntry("cv.trial", best.get("trial").asString())
                .containsEntry("cv.trials", "2")
                .containsEntry("rounds", best.get("iterations").asString())
                .doesNotContainKey("cv.search");
        JsonNode params = run.get("params");
        for (String name : List.of("eta", "maxDepth", "minChildWeight", "subsample", "colsampleBytree", "lambda")) {
            String flat = "xgboost." + name;
            double setting = best.get("values").has(flat)
                    ? best.get("values").get(flat).asDouble()
                    : Double.parseDouble(params.get(flat).asString());
            assertThat(Double.parseDouble(fit.get(name)))
                    .as("the refit's %s", flat)
                    .isEqualTo(setting);
        }
    }

    /**
     * The class's Spark retrain (started once, by whichever test needs it first): a drift retrain, which reads the
     * outcomes observed in its window, with the out-of-time split. A training command carries neither an engine nor
     * parameters, so it is queued as the commands' listener queues one, with both ({@link QueuedRetrains}). The rows
     * were submitted over 540 days, a few a day (applications of the same day straddle the split's boundary, in order
     * of id; one in five a few microseconds into its day); the older rows, outside the window, have no submission time:
     * a read that took them would fall back to the stratified split.
     */
    private synchronized JsonNode retrainRun() {
        if (retrainRun == null) {
            PortfolioSchema taiwan = BundledPortfolios.taiwanCards();
            catalog.registerIfAbsent(new PortfolioSchema(
                    RETRAIN_PORTFOLIO,
                    "every 24th Taiwan application of each class, retrained on Spark",
                    taiwan.idColumn(),
                    taiwan.target(),
                    taiwan.csv(),
                    taiwan.features()));
            Instant now = Instant.now();
            Instant firstDay = Instant.parse("2024-02-01T00:00:00Z");
            int[] seen = new int[2];
            List<LabelledDataFixture.Row> recent = new ArrayList<>();
            List<LabelledDataFixture.Row> old = new ArrayList<>();
            for (LabelledDataFixture.Row row : LabelledDataFixture.parse(SampleData.TAIWAN_CARDS, taiwan)) {
                int n = seen[row.defaulted() ? 1 : 0]++;
                long id = Long.parseLong(row.applicationId());
                if (n % 24 == 0) {
                    Instant submitted = firstDay.plus(id * 7919 % 540, ChronoUnit.DAYS)
                            .plus(id % 5 == 0 ? id % 1000 : 0, ChronoUnit.MICROS);
                    recent.add(new LabelledDataFixture.Row(
                            row.applicationId(), submitted, row.features(), row.defaulted()));
                } else if (n % 96 == 6) {
                    old.add(row);
                }
            }
            LabelledDataFixture.insert(RETRAIN_PORTFOLIO, recent, now.minus(30, ChronoUnit.DAYS));
            LabelledDataFixture.insert(RETRAIN_PORTFOLIO, old, now.minus(800, ChronoUnit.DAYS));
            retrainWindowRows = recent.size();
            retrainOldRows = old.size();
            retrainRun = QueuedRetrains.queue(
                    context, RETRAIN_PORTFOLIO, TrainingReason.DRIFT, "spark", List.of("XGBOOST"), RETRAIN_PARAMS);
        }
        return awaitFinished(retrainRun);
    }

    /**
     * A Spark retrain reads its window only and splits it out of time as the local engine would: the local engine's
     * reader and splitter, run here on the same window, give the rows (the lineage hash and count; the portfolio's
     * older rows left out) and the split (kind, note in the run and its report, training and test rows: the job's hash
     * of its test ids against the local split's).
     */
    @Test
    void aSparkRetrainReadsItsWindowOnlyAndSplitsItOutOfTimeAsTheLocalEngineDoes() throws Exception {
        JsonNode run = retrainRun();
        assertThat(run.get("status").asString())
                .as(
                        "%s%nend of the driver log:%n%s",
                        run, tail(client.getText("/v1/training-runs/" + retrainRun + "/driver-log")))
                .isEqualTo("SUCCEEDED");
        assertThat(run.get("engine").asString()).isEqualTo("spark");

        // the local engine's read of the run's window, and its split of those rows
        JsonNode w = run.get("trainingWindow");
        TrainingWindow window = new TrainingWindow(
                Instant.parse(w.get("from").asString()),
                Instant.parse(w.get("to").asString()));
        TrainingSet local =
                reader.read(catalog.find(RETRAIN_PORTFOLIO).orElseThrow().schema(), 2_000, window);
        RunSettings settings = RunSettings.of(properties, RETRAIN_PARAMS);
        DataSplit expected = DatasetSplitter.split(local.rows(), settings.split(), settings.seed());
        assertThat(expected.kind()).as("the stored rows span enough for it").isEqualTo("OUT_OF_TIME");

        // the window's rows, not the portfolio's older ones
        assertThat(retrainOldRows).isPositive();
        assertThat(local.size()).isEqualTo(retrainWindowRows);
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(retrainWindowRows);
        assertThat(run.at("/lineage/datasetSha256").asString()).isEqualTo(local.sha256());

        // the split: kind and note, training and test rows
        assertThat(run.at("/lineage/splitKind").asString()).isEqualTo("OUT_OF_TIME");
        assertThat(client.getText("/v1/training-runs/" + retrainRun + "/report"))
                .contains("OUT_OF_TIME: " + expected.note());
        assertThat(run.get("trainingRows").asInt()).isEqualTo(expected.train().size());
        assertThat(run.get("testRows").asInt()).isEqualTo(expected.test().size());
        JsonNode summary = jobSummary(retrainRun);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (LabelledRow row : expected.test()) {
            digest.update((row.applicationId() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String testIds = HexFormat.of().formatHex(digest.digest());
        assertThat(summary.get("testIdsSha256").asString()).isEqualTo(testIds);
        assertThat(run.at("/lineage/testIdsSha256").asString()).isEqualTo(testIds);

        JsonNode xgboost = model(run, Algorithm.XGBOOST);
        assertThat(xgboost.get("modelVersion").isNull()).as("registered").isFalse();
        assertThat(xgboost.get("onnxParityMaxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
    }

    /** The summary the Spark job of a run wrote. */
    private static JsonNode jobSummary(UUID runId) throws Exception {
        return CreditJson.json().readTree(Files.readString(jobOutput(runId).resolve("summary.json")));
    }

    /** The directory the Spark job of a run wrote into, next to its driver log (in the attempt's directory). */
    private static Path jobOutput(UUID runId) {
        String driverLog = new JdbcTemplate(SharedPostgres.dataSource())
                .queryForObject("select spark_driver_log from training.runs where run_id = ?", String.class, runId);
        return Path.of(driverLog).resolveSibling("output");
    }

    /** The fit details stored with a run's model: the job's own, with the service's cross-validation facts. */
    private static Map<String, String> recordedFit(UUID runId, Algorithm algorithm) {
        String details = new JdbcTemplate(SharedPostgres.dataSource())
                .queryForObject(
                        "select details::text from training.run_models where run_id = ? and algorithm = ?",
                        String.class,
                        runId,
                        algorithm.name());
        Map<String, String> fit = new java.util.TreeMap<>();
        CreditJson.json()
                .readTree(details)
                .properties()
                .forEach(e -> fit.put(e.getKey(), e.getValue().asString()));
        return fit;
    }

    @Test
    void aFailingJobFailsTheRunWithTheDriversReason() {
        // 24 defaults: 19 in the training split, too few for 20 stratified folds; the service lets it through (it
        // prepares no folds for a Spark run) and the job refuses it
        catalog.registerIfAbsent(SmallPortfolio.schema("spark-failing-loans"));
        LabelledDataFixture.insert("spark-failing-loans", SmallPortfolio.rows("spark-fail-", 200, 24));
        UUID runId = BundledRuns.start(
                client, "spark-failing-loans", "{\"engine\": \"spark\", \"params\": {\"crossValidation.folds\": 20}}");

        JsonNode run = awaitFinished(runId);

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failureReason").asString())
                .startsWith("the Spark job failed: cannot make 20 stratified folds of 19 defaults");
        assertThat(client.getText("/v1/training-runs/" + runId + "/driver-log")).contains("Spark training job failed");
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
