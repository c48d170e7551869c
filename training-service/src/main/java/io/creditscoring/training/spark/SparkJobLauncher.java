package io.creditscoring.training.spark;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.settings.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the spark-training job for a run and waits for it: a JVM of its own on JDK 17 (Spark 3.5, Scala 2.12 never
 * meet the service's class path), the master from {@code training.spark.master}, the database password in the
 * environment (never on the command line). The driver's output goes to the run's driver log; the driver's web UI
 * address is handed on as soon as the job prints it. A stop of the run stops the job (its process tree).
 */
@Component
public class SparkJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(SparkJobLauncher.class);

    static final String MAIN_CLASS = "io.creditscoring.spark.SparkTrainingJob";
    static final String UI_LINE = "SPARK_UI_URL ";
    static final String DRIVER_LOG = "driver.log";
    private static final String DEBIAN_JDK_17 = "/usr/lib/jvm/java-17-openjdk-amd64";

    /** What Spark 3.5 needs opened on JDK 17 (its own JavaModuleOptions). */
    private static final List<String> OPENS = List.of(
            "java.base/java.lang",
            "java.base/java.lang.invoke",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.net",
            "java.base/java.nio",
            "java.base/java.util",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch",
            "java.base/sun.nio.cs",
            "java.base/sun.security.action",
            "java.base/sun.util.calendar");

    private final TrainingProperties.Spark spark;
    private final int referenceSampleSize;
    private final Environment environment;

    SparkJobLauncher(TrainingProperties properties, Environment environment) {
        this.spark = properties.spark();
        this.referenceSampleSize = properties.referenceSampleSize();
        this.environment = environment;
    }

    /** Where a run's job works and what it is submitted to, known before it starts. */
    public record Job(Path directory, Path driverLog, String master) {}

    public Job prepare(UUID runId, int attempt) {
        String base = spark.workDir().isBlank() ? System.getProperty("java.io.tmpdir") : spark.workDir();
        Path directory = Path.of(base, "credit-scoring-spark", runId + "-" + attempt);
        return new Job(directory, directory.resolve(DRIVER_LOG), spark.master());
    }

    /**
     * Runs the job to its end.
     *
     * @param search the trials of each algorithm's search (trial 1 the run's own settings) and its time budget
     * @param source the data set at a path the job reads instead of ingestion's tables, or null
     * @param window a retrain's window of recent outcomes (the rows the job reads from ingestion's tables), or null
     * @param onUi called with the driver's web UI address once the job has one
     * @return the job's outputs
     * @throws SparkJobFailedException with the driver's reason when the job fails
     */
    public SparkJobOutputs run(
            Job job,
            String runId,
            PortfolioSchema schema,
            RunSettings settings,
            List<String> algorithms,
            SparkSearch search,
            DatasetSource source,
            TrainingWindow window,
            Consumer<String> onUi) {
        try {
            deleteRecursively(job.directory()); // an earlier attempt's
            Path output = Files.createDirectories(job.directory().resolve("output"));
            Path schemaFile = job.directory().resolve("schema.json");
            Files.writeString(schemaFile, CreditJson.json().writeValueAsString(schema), StandardCharsets.UTF_8);
            Path searchFile = job.directory().resolve("search.json");
            Files.writeString(searchFile, searchJson(search), StandardCharsets.UTF_8);
            List<String> command = command(
                    job,
                    runId,
                    schema.portfolio(),
                    schemaFile,
                    searchFile,
                    output,
                    settings,
                    algorithms,
                    source,
                    window);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(job.driverLog().toFile());
            builder.environment()
                    .put("SPARK_TRAINING_JDBC_PASSWORD", environment.getProperty("spring.datasource.password", ""));
            if (source != null
                    && source.onObjectStore()
                    && !spark.s3a().accessKey().isEmpty()) {
                // like the database password: in the job's environment, never on its command line
                builder.environment()
                        .put("SPARK_TRAINING_S3A_ACCESS_KEY", spark.s3a().accessKey());
                builder.environment()
                        .put("SPARK_TRAINING_S3A_SECRET_KEY", spark.s3a().secretKey());
            }
            log.info("Run {}: starting the Spark job (master {}); driver log {}", runId, job.master(), job.driverLog());
            Process process = builder.start();
            try {
                await(process, job, onUi);
            } finally {
                if (process.isAlive()) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            }
            if (process.exitValue() != 0) {
                throw new SparkJobFailedException(reason(output, job.driverLog(), process.exitValue()));
            }
            return SparkJobOutputs.read(output, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Spark job in " + job.directory(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Spark job ran", e);
        }
    }

    /**
     * Once the run has read what the job wrote: deletes the job's outputs and inputs, keeping its driver log (served
     * by the runs API), unless {@code training.spark.keep-job-outputs}. A file that cannot be deleted is logged, never
     * a reason to fail the run.
     */
    public void release(Job job) {
        if (spark.keepJobOutputs()) {
            return;
        }
        try {
            deleteOutputs(job.directory());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the Spark job's outputs in {}: {}", job.directory(), e.toString());
        }
    }

    /** Deletes everything in a job's directory but its driver log. */
    static void deleteOutputs(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals(DRIVER_LOG)) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void await(Process process, Job job, Consumer<String> onUi) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + spark.timeout().toNanos();
        boolean uiSeen = false;
        while (!process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            // a stop of the run ends the wait here; the caller's finally stops the job
            StopSignal.checkpoint("while the Spark job ran");
            if (!uiSeen) {
                String ui = uiUrl(job.driverLog());
                if (ui != null) {
                    uiSeen = true;
                    onUi.accept(ui);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new SparkJobFailedException("the Spark job ran longer than training.spark.timeout ("
                        + spark.timeout().toMinutes() + " min) and was stopped");
            }
        }
    }

    private static String uiUrl(Path driverLog) throws IOException {
        if (!Files.exists(driverLog)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(driverLog, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith(UI_LINE))
                    .map(l -> l.substring(UI_LINE.length()).trim())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The job's own reason (failure.txt, first line), else the end of the driver log. */
    private static String reason(Path output, Path driverLog, int exit) throws IOException {
        Path failure = output.resolve("failure.txt");
        if (Files.exists(failure)) {
            String first = Files.readString(failure, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("");
            return "the Spark job failed: " + first;
        }
        List<String> lines =
                Files.exists(driverLog) ? Files.readAllLines(driverLog, StandardCharsets.ISO_8859_1) : List.of();
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        return "the Spark job exited with status " + exit + ": " + tail;
    }

    private List<String> command(
            Job job,
            String runId,
            String portfolio,
            Path schemaFile,
            Path searchFile,
            Path output,
            RunSettings s,
            List<String> algorithms,
            DatasetSource source,
            TrainingWindow window)
            throws IOException {
        List<String> c = new ArrayList<>();
        c.add(java());
        c.add("-Xmx" + spark.driverMemory());
        for (String open : OPENS) {
            c.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        c.add("-Dspark.master=" + job.master());
        c.add("-Dspark.sql.shuffle.partitions=" + Math.max(2, spark.partitions()));
        if (job.master().startsWith("local")) {
            // one machine: the driver and XGBoost's tracker on the loopback, whatever the host's interfaces are
            c.add("-Dspark.driver.host=127.0.0.1");
            c.add("-Dspark.driver.bindAddress=127.0.0.1");
        }
        if (source != null && source.onObjectStore()) {
            c.addAll(s3aOptions(spark.s3a()));
        }
        c.addAll(spark.driverJavaOptions());
        c.add("-cp");
        c.add(classpath());
        c.add(MAIN_CLASS);
        String url = spark.jdbcUrl().isBlank() ? environment.getProperty("spring.datasource.url", "") : spark.jdbcUrl();
        arg(c, "portfolio", portfolio);
        arg(c, "run-id", runId);
        arg(c, "schema", schemaFile.toString());
        arg(c, "jdbc-url", url);
        arg(c, "jdbc-user", environment.getProperty("spring.datasource.username", "postgres"));
        arg(c, "output", output.toString());
        arg(c, "partitions", Integer.toString(spark.partitions()));
        arg(c, "algorithms", String.join(",", algorithms));
        arg(c, "seed", Long.toString(s.seed()));
        arg(c, "test-share", Double.toString(s.split().testShare()));
        arg(c, "out-of-time", Boolean.toString(s.split().outOfTime()));
        arg(c, "out-of-time-min-span-days", Integer.toString(s.split().outOfTimeMinSpanDays()));
        arg(c, "folds", Integer.toString(s.crossValidation().folds()));
        arg(c, "near-constant-share", Double.toString(s.preprocessing().nearConstantShare()));
        arg(c, "min-category-rows", Integer.toString(s.preprocessing().minCategoryRows()));
        arg(c, "iv-bins", Integer.toString(s.preprocessing().ivBins()));
        for (Algorithm algorithm : Algorithm.values()) {
            algorithmArguments(algorithm, s).forEach((name, value) -> arg(c, name, value));
        }
        arg(c, "logistic-regression-tolerance", Double.toString(spark.logisticRegressionTolerance()));
        arg(c, "xgboost-workers", Integer.toString(spark.xgboostWorkers()));
        arg(c, "neural-network-workers", Integer.toString(spark.neuralNetworkWorkers()));
        arg(c, "search", searchFile.toString());
        arg(c, "sample-size", Integer.toString(spark.sampleSize()));
        arg(c, "reference-sample-size", Integer.toString(referenceSampleSize));
        if (window != null) {
            arg(c, "window-from", window.from().toString());
            arg(c, "window-to", window.to().toString());
        }
        if (source != null) {
            arg(c, "source-path", source.path());
            arg(c, "source-format", source.format());
        }
        return c;
    }

    /**
     * One algorithm's settings of a run (or of one trial of its search) as the job's arguments: what the command line
     * carries for trial 1 and the search file for every trial, so that both say the same in the same words.
     */
    static Map<String, String> algorithmArguments(Algorithm algorithm, RunSettings s) {
        Map<String, String> a = new LinkedHashMap<>();
        switch (algorithm) {
            case LOGISTIC_REGRESSION ->
                a.put(
                        "logistic-regression-lambda",
                        Double.toString(s.logisticRegression().lambda()));
            case XGBOOST -> {
                TrainingProperties.Xgboost x = s.xgboost();
                a.put("xgboost-max-rounds", Integer.toString(x.maxRounds()));
                a.put("xgboost-early-stopping-rounds", Integer.toString(x.earlyStoppingRounds()));
                a.put("xgboost-early-stopping-metric", x.earlyStoppingMetric());
                a.put("xgboost-eta", Double.toString(x.eta()));
                a.put("xgboost-max-depth", Integer.toString(x.maxDepth()));
                a.put("xgboost-min-child-weight", Double.toString(x.minChildWeight()));
                a.put("xgboost-subsample", Double.toString(x.subsample()));
                a.put("xgboost-colsample-bytree", Double.toString(x.colsampleBytree()));
                a.put("xgboost-lambda", Double.toString(x.lambda()));
                a.put("xgboost-monotone-constraints", Boolean.toString(x.monotoneConstraints()));
            }
            case NEURAL_NETWORK -> {
                TrainingProperties.NeuralNetwork n = s.neuralNetwork();
                a.put(
                        "neural-network-hidden-layers",
                        String.join(
                                ",",
                                n.hiddenLayers().stream().map(String::valueOf).toList()));
                a.put("neural-network-activation", n.activation());
                a.put("neural-network-learning-rate", Double.toString(n.learningRate()));
                a.put("neural-network-momentum", Double.toString(n.momentum()));
                a.put("neural-network-weight-decay", Double.toString(n.weightDecay()));
                a.put("neural-network-batch-size", Integer.toString(n.batchSize()));
                a.put("neural-network-max-epochs", Integer.toString(n.maxEpochs()));
                a.put("neural-network-patience", Integer.toString(n.patience()));
            }
        }
        return a;
    }

    /**
     * The search file ({@code --search}): per algorithm its planned trials in order, each as the arguments of its
     * settings, and the time budget per algorithm in milliseconds.
     */
    static String searchJson(SparkSearch search) {
        Map<String, Object> trials = new LinkedHashMap<>();
        for (Algorithm algorithm : Algorithm.values()) {
            if (search.trials().containsKey(algorithm)) {
                List<Map<String, Object>> planned = new ArrayList<>();
                for (SparkSearch.PlannedTrial trial : search.of(algorithm)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("trial", trial.number());
                    entry.put("arguments", algorithmArguments(algorithm, trial.settings()));
                    planned.add(entry);
                }
                trials.put(algorithm.name(), planned);
            }
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("timeBudgetMs", search.timeBudget().toMillis());
        file.put("trials", trials);
        return CreditJson.json().writeValueAsString(file);
    }

    /** Where and how S3A reaches the object store (the keys go in the environment, see {@link #run}). */
    static List<String> s3aOptions(TrainingProperties.S3a s3a) {
        List<String> options = new ArrayList<>();
        if (!s3a.endpoint().isBlank()) {
            options.add("-Dspark.hadoop.fs.s3a.endpoint=" + s3a.endpoint());
        }
        if (!s3a.region().isBlank()) {
            options.add("-Dspark.hadoop.fs.s3a.endpoint.region=" + s3a.region());
        }
        options.add("-Dspark.hadoop.fs.s3a.path.style.access=" + s3a.pathStyleAccess());
        options.add("-Dspark.hadoop.fs.s3a.connection.ssl.enabled=" + s3a.sslEnabled());
        return options;
    }

    private static void arg(List<String> command, String name, String value) {
        command.add("--" + name);
        command.add(value);
    }

    /** The configured class path, each {@code @file} entry replaced by the file's content. */
    private String classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : spark.classpath().trim().split(java.io.File.pathSeparator)) {
            if (entry.startsWith("@")) {
                entries.add(Files.readString(Path.of(entry.substring(1)), StandardCharsets.UTF_8)
                        .trim());
            } else if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        String configured = String.join(java.io.File.pathSeparator, entries);
        if (configured.isEmpty()) {
            throw new SparkJobFailedException(
                    "training.spark.classpath is not set: the Spark engine needs the spark-training job's class path");
        }
        return configured;
    }

    /** JDK 17's java: training.spark.java-home, SPARK_JAVA_HOME, JAVA_HOME_17_X64 (GitHub runners), Debian's. */
    String java() {
        List<String> homes = new ArrayList<>();
        homes.add(spark.javaHome());
        homes.add(System.getenv("SPARK_JAVA_HOME"));
        homes.add(System.getenv("JAVA_HOME_17_X64"));
        homes.add(DEBIAN_JDK_17);
        for (String home : homes) {
            if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "java"))) {
                return Path.of(home, "bin", "java").toString();
            }
        }
        throw new SparkJobFailedException("no JDK 17 found for the Spark job (set training.spark.java-home or"
                + " SPARK_JAVA_HOME; looked in "
                + String.join(
                        ", ",
                        homes.stream().filter(h -> h != null && !h.isBlank()).toList()) + ")");
    }
}
