package io.creditscoring.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The training job: for one portfolio and run, reads the labelled rows distributed (from PostgreSQL, or from a data set at a path), splits them like the local
 * engine, fits the preprocessing and the models with Spark, and writes into the output directory
 *
 * <ul>
 *   <li>{@code <ALGORITHM>.pipeline.json}: the fitted pipeline as model-pipeline's plain numbers;
 *   <li>{@code <ALGORITHM>.test-probabilities.bin}: the library's own (uncalibrated) probability for each test row
 *       of the model refitted on all training rows, in the local engine's row order (doubles, {@link
 *       EvaluationFiles});
 *   <li>{@code <ALGORITHM>.trial-<n>.out-of-fold.bin}: for each trial of the algorithm's search (the training
 *       service plans them, {@code --search}), each training row's probability from the cross-validation fold model
 *       that held it out, in the local engine's row order (the service scores the trials on these and fits the
 *       calibration on the best one's); the best trial, by mean fold AUC, is the one refitted;
 *   <li>{@code rows.bin} and {@code sample.json}: every row's label, part and fold, and bounded samples of test and
 *       training rows, for the service's evaluation, parity gate, reference sample and report ({@link
 *       EvaluationFiles}); for a run that asked for the out-of-time split, {@code submitted-at.bin}, every row's
 *       submission time, from which the service checks the split;
 *   <li>{@code preprocessing.json}: the preprocessing fitted on all training rows, scaled and for trees;
 *   <li>{@value InformationValueCounts#FILE}: every model input's training rows (all of them) counted by
 *       information-value bin, which the service labels and sums into the report's table ({@link
 *       InformationValueCounts});
 *   <li>{@code summary.json}: rows, defaults, the lineage hash of the rows read, the split's kind and note ({@link
 *       OutOfTimeSplit}), split and sample sizes, a hash of the test ids, dropped features, fit details, timings, and for a data set at a path what was read of it
 *       ({@code source});
 *   <li>{@code failure.txt}: the reason, when the job fails (exit status 1).
 * </ul>
 *
 * <p>Started by {@code spark-submit} (any master) or as {@code java -jar} (then {@code local[2]} unless
 * {@code -Dspark.master} says otherwise).
 */
public final class SparkTrainingJob {

    public static final String LOGISTIC_REGRESSION = "LOGISTIC_REGRESSION";
    public static final String XGBOOST = "XGBOOST";
    public static final String NEURAL_NETWORK = "NEURAL_NETWORK";

    private SparkTrainingJob() {}

    public static void main(String[] args) {
        JobArguments job = JobArguments.parse(args, System.getenv());
        try {
            Files.createDirectories(job.output());
            Files.deleteIfExists(job.output().resolve("failure.txt"));
            run(job);
        } catch (Throwable e) { // Spark's exceptions are checked ones, thrown from Scala without a declaration
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
        // the job's shuffles aggregate to small results (statistics, value counts per feature): Spark's 200 shuffle
        // partitions would be 200 tiny tasks per aggregation
        if (!conf.contains("spark.sql.shuffle.partitions")) {
            conf.set("spark.sql.shuffle.partitions", Integer.toString(Math.max(1, job.partitions())));
        }
        conf.setAppName("credit-scoring training " + job.portfolio() + " " + job.runId());
        // the object store's keys come from the environment, never from the command line; Spark redacts both names
        // (spark.redaction.regex) wherever it shows its settings
        if (!job.s3aAccessKey().isEmpty()) {
            conf.set("spark.hadoop.fs.s3a.access.key", job.s3aAccessKey());
            conf.set("spark.hadoop.fs.s3a.secret.key", job.s3aSecretKey());
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        // the training service reads this line from the driver log: the run shows the UI while the job runs
        scala.Option<String> ui = spark.sparkContext().uiWebUrl();
        if (ui.isDefined()) {
            System.out.println("SPARK_UI_URL " + ui.get());
            System.out.flush();
        }
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
        LabelledRowsReader.LabelledRows labelled;
        ObjectNode source = null;
        if (job.source() == null) {
            labelled = new LabelledRowsReader(spark, job).read(schema);
        } else {
            FileRowsReader.Read read = new FileRowsReader(spark, job).read(schema);
            labelled = read.labelled();
            source = SourceLineage.of(
                    job.source(),
                    read.inputFiles(),
                    read.skipped(),
                    spark.sparkContext().hadoopConfiguration());
        }
        Dataset<Row> rows = labelled.rows().persist(StorageLevel.MEMORY_AND_DISK());
        long read = rows.count();
        if (read != labelled.ids().size()) {
            throw new IllegalStateException("the partitioned read found " + read + " of the "
                    + labelled.ids().size() + " labelled applications listed: rows changed during the read");
        }
        // the lineage hash: over the rows the driver streamed from PostgreSQL, or over a data set's rows as JSON lines
        String sha256 = source == null ? labelled.sha256() : FileRowsReader.sha256(schema, rows);
        timings.put("read", elapsed(started));
        int trainRows = labelled.count(StratifiedSplit.TRAIN);
        if (trainRows == 0) {
            throw new IllegalArgumentException("portfolio '" + job.portfolio() + "' has no labelled rows to train on");
        }

        long step = System.nanoTime();
        int[] sampled = writeEvaluationRows(spark, job, schema, labelled, rows);
        timings.put("evaluationRows", elapsed(step));

        step = System.nanoTime();
        Dataset<Row> train = part(rows, StratifiedSplit.TRAIN);
        PreprocessingFitter.Fitted fitted = PreprocessingFitter.fit(schema, train, trainRows, job.settings());
        int k = job.settings().folds();
        List<PreprocessingFitter.Fitted> foldPreprocessing = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Dataset<Row> fit = train.where(col(LabelledRowsReader.FOLD).notEqual(f));
            foldPreprocessing.add(PreprocessingFitter.fit(schema, fit, foldRows(labelled, f, false), job.settings()));
        }
        timings.put("preprocessing", elapsed(step));

        step = System.nanoTime();
        int ivBins = job.settings().ivBins();
        InformationValueCounts.write(
                job.output().resolve(InformationValueCounts.FILE),
                InformationValueCounts.count(schema, train, ivBins),
                ivBins);
        timings.put("informationValues", elapsed(step));

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
        summary.put("testRows", labelled.count(StratifiedSplit.TEST));
        summary.put("folds", k);
        summary.put("testIdsSha256", testIdsSha256(labelled));
        ObjectNode split = summary.putObject("split");
        split.put("kind", labelled.split().kind());
        split.put("note", labelled.split().note());
        if (labelled.split().untimedId() != null) {
            // the service's check of the note names this row, as the local engine's note does; it holds no ids
            split.put("untimedApplicationId", labelled.split().untimedId());
        }
        summary.put("datasetSha256", sha256);
        summary.put("testSampleRows", sampled[0]);
        summary.put("trainingSampleRows", sampled[1]);
        if (source != null) {
            summary.set("source", source);
        }
        ArrayNode dropped = summary.putArray("dropped");
        for (FittedInput.Dropped d : fitted.dropped()) {
            dropped.addObject().put("feature", d.feature()).put("reason", d.reason());
        }
        ObjectNode preprocessing = PipelineJson.MAPPER.createObjectNode();
        preprocessing.set("scaled", PipelineJson.preprocessing(fitted.scaled()));
        preprocessing.set("trees", PipelineJson.preprocessing(fitted.trees()));
        writeJson(job.output().resolve("preprocessing.json"), preprocessing);
        ArrayNode models = summary.putArray("models");

        int[] trainingLabels = trainingLabels(labelled);
        int[] trainingFolds = trainingFolds(labelled);
        if (job.algorithms().contains(LOGISTIC_REGRESSION)) {
            step = System.nanoTime();
            TrialSearch.Result search = search(job, LOGISTIC_REGRESSION, trainingLabels, trainingFolds, trial -> {
                List<Dataset<Row>> heldOut = new ArrayList<>();
                for (int f = 0; f < k; f++) {
                    Dataset<Row> vectors = ModelVectors.withVector(
                            train, foldPreprocessing.get(f).scaled());
                    LogisticRegressionFit.Result lr = LogisticRegressionFit.fit(
                            vectors.where(col(LabelledRowsReader.FOLD).notEqual(f)),
                            foldRows(labelled, f, false),
                            trial);
                    heldOut.add(DefaultProbabilities.of(
                            lr.model(),
                            vectors.where(col(LabelledRowsReader.FOLD).equalTo(f))));
                }
                return new TrialSearch.Folds(probabilities(labelled, StratifiedSplit.TRAIN, heldOut), new int[k]);
            });
            long cv = elapsed(step);
            step = System.nanoTime();
            TrainingSettings best = search.best().settings();
            Dataset<Row> scaled =
                    ModelVectors.withVector(rows, fitted.scaled()).persist(StorageLevel.MEMORY_AND_DISK());
            LogisticRegressionFit.Result lr =
                    LogisticRegressionFit.fit(part(scaled, StratifiedSplit.TRAIN), trainRows, best);
            Dataset<Row> test = DefaultProbabilities.of(lr.model(), part(scaled, StratifiedSplit.TEST));
            Map<String, String> details = refitDetails(search, lr.details());
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
                            metadata(job, spark, labelled, trainRows, details)),
                    test,
                    search,
                    details);
            scaled.unpersist();
            timings.put("cv.LOGISTIC_REGRESSION", cv);
            timings.put("refit.LOGISTIC_REGRESSION", elapsed(step));
        }
        if (job.algorithms().contains(XGBOOST)) {
            step = System.nanoTime();
            String trackerHost = spark.conf().get("spark.driver.host", null);
            TrialSearch.Result search = search(job, XGBOOST, trainingLabels, trainingFolds, trial -> {
                XgboostSettings settings = trial.xgboost().withTrackerHost(trackerHost);
                List<Dataset<Row>> heldOut = new ArrayList<>();
                int[] foldRounds = new int[k];
                for (int f = 0; f < k; f++) {
                    List<FittedInput> inputs = foldPreprocessing.get(f).trees();
                    Dataset<Row> vectors =
                            ModelVectors.withVector(train, inputs).persist(StorageLevel.MEMORY_AND_DISK());
                    XgboostFit.FoldResult fold = XgboostFit.fold(
                            vectors.where(col(LabelledRowsReader.FOLD).notEqual(f)),
                            vectors.where(col(LabelledRowsReader.FOLD).equalTo(f)),
                            inputs,
                            schema,
                            settings,
                            trial.seed());
                    foldRounds[f] = fold.rounds();
                    heldOut.add(fold.heldOut().localCheckpoint());
                    vectors.unpersist();
                }
                return new TrialSearch.Folds(probabilities(labelled, StratifiedSplit.TRAIN, heldOut), foldRounds);
            });
            // the refit boosts the best trial's folds' mean best round count, rounded, as the local engine's does
            int rounds = search.best().iterations();
            long cv = elapsed(step);
            step = System.nanoTime();
            Dataset<Row> trees = ModelVectors.withVector(rows, fitted.trees()).persist(StorageLevel.MEMORY_AND_DISK());
            XgboostFit.Result xgb = XgboostFit.refit(
                    part(trees, StratifiedSplit.TRAIN),
                    fitted.trees(),
                    schema,
                    search.best().settings().xgboost().withTrackerHost(trackerHost),
                    job.settings().seed(),
                    rounds);
            Dataset<Row> test = DefaultProbabilities.of(xgb.sparkModel(), part(trees, StratifiedSplit.TEST));
            Map<String, String> details = refitDetails(search, xgb.details());
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
                            metadata(job, spark, labelled, trainRows, details)),
                    test,
                    search,
                    details);
            trees.unpersist();
            timings.put("cv.XGBOOST", cv);
            timings.put("refit.XGBOOST", elapsed(step));
        }
        if (job.algorithms().contains(NEURAL_NETWORK)) {
            step = System.nanoTime();
            long seed = job.settings().seed();
            TrialSearch.Result search = search(job, NEURAL_NETWORK, trainingLabels, trainingFolds, trial -> {
                NeuralNetworkSettings network = trial.neuralNetwork();
                List<Dataset<Row>> heldOut = new ArrayList<>();
                int[] foldEpochs = new int[k];
                for (int f = 0; f < k; f++) {
                    List<FittedInput> inputs = foldPreprocessing.get(f).scaled();
                    Dataset<Row> vectors = ModelVectors.withVector(train, inputs);
                    var fit = NeuralNetworkFit.examples(
                            vectors.where(col(LabelledRowsReader.FOLD).notEqual(f)), network.workers());
                    var held = NeuralNetworkFit.examples(
                            vectors.where(col(LabelledRowsReader.FOLD).equalTo(f)), network.workers());
                    NeuralNetworkFit.FoldResult fold = NeuralNetworkFit.fold(fit, held, width(inputs), network, seed);
                    foldEpochs[f] = fold.bestEpoch();
                    heldOut.add(NeuralNetworkFit.heldOut(spark, fold));
                    fit.unpersist();
                    held.unpersist();
                }
                return new TrialSearch.Folds(probabilities(labelled, StratifiedSplit.TRAIN, heldOut), foldEpochs);
            });
            // the refit trains the best trial's folds' mean best epoch count, rounded, as the local engine's does
            int epochs = search.best().iterations();
            NeuralNetworkSettings network = search.best().settings().neuralNetwork();
            long cv = elapsed(step);
            step = System.nanoTime();
            Dataset<Row> scaled = ModelVectors.withVector(rows, fitted.scaled());
            var all = NeuralNetworkFit.examples(part(scaled, StratifiedSplit.TRAIN), network.workers());
            var testRows = NeuralNetworkFit.examples(part(scaled, StratifiedSplit.TEST), network.workers());
            NeuralNetworkFit.Result nn = NeuralNetworkFit.fit(all, width(fitted.scaled()), network, seed, epochs);
            Dataset<Row> test = NeuralNetworkFit.scored(spark, testRows, nn.network(), nn.state())
                    .localCheckpoint();
            Map<String, String> details = refitDetails(search, nn.details());
            writeModel(
                    job,
                    labelled,
                    models,
                    NEURAL_NETWORK,
                    PipelineJson.network(
                            job.portfolio(),
                            fitted.scaled(),
                            nn.network(),
                            nn.state().parameters(),
                            metadata(job, spark, labelled, trainRows, details)),
                    test,
                    search,
                    details);
            all.unpersist();
            testRows.unpersist();
            timings.put("cv.NEURAL_NETWORK", cv);
            timings.put("refit.NEURAL_NETWORK", elapsed(step));
        }
        rows.unpersist();

        timings.put("total", elapsed(started));
        ObjectNode t = summary.putObject("timingsMs");
        timings.forEach(t::put);
        writeJson(job.output().resolve("summary.json"), summary);
    }

    private static int width(List<FittedInput> inputs) {
        int width = 0;
        for (FittedInput input : inputs) {
            width += input.width();
        }
        return width;
    }

    /** How many training rows fold {@code f} holds out ({@code heldOut}) or fits on. */
    private static long foldRows(LabelledRowsReader.LabelledRows labelled, int f, boolean heldOut) {
        long n = 0;
        for (int i = 0; i < labelled.folds().length; i++) {
            if (labelled.parts()[i] == StratifiedSplit.TRAIN && (labelled.folds()[i] == f) == heldOut) {
                n++;
            }
        }
        return n;
    }

    private static Dataset<Row> part(Dataset<Row> rows, int part) {
        return rows.where(rows.col(LabelledRowsReader.PART).equalTo(part));
    }

    /**
     * One algorithm's search over the trials the service planned: each trial cross-validated by {@code folds}, its
     * out-of-fold probabilities written as {@code <ALGORITHM>.trial-<n>.out-of-fold.bin}.
     */
    private static TrialSearch.Result search(
            JobArguments job,
            String algorithm,
            int[] trainingLabels,
            int[] trainingFolds,
            TrialSearch.CrossValidation folds)
            throws IOException {
        return TrialSearch.run(
                algorithm,
                job.search().of(algorithm, job.settings()),
                job.search().timeBudgetMs(),
                trainingLabels,
                trainingFolds,
                job.settings().folds(),
                folds,
                (number, outOfFold) -> EvaluationFiles.writeProbabilities(
                        job.output()
                                .resolve(algorithm + ".trial-" + number + ".out-of-fold"
                                        + EvaluationFiles.PROBABILITIES),
                        outOfFold),
                System::nanoTime);
    }

    /** The refit's own details, with the trial it refitted and that trial's settings (the service checks both). */
    private static Map<String, String> refitDetails(TrialSearch.Result search, Map<String, String> fit) {
        Map<String, String> details = new LinkedHashMap<>(fit);
        details.put("refit.trial", Integer.toString(search.best().number()));
        return details;
    }

    /**
     * Writes one fitted model's pipeline and its test probabilities, and adds it to the summary with its search's
     * trials (their out-of-fold probabilities are written as they finish, by {@link #search}).
     */
    private static void writeModel(
            JobArguments job,
            LabelledRowsReader.LabelledRows labelled,
            ArrayNode models,
            String algorithm,
            ObjectNode pipeline,
            Dataset<Row> testProbabilities,
            TrialSearch.Result search,
            Map<String, String> fitDetails)
            throws IOException {
        writeJson(job.output().resolve(algorithm + ".pipeline.json"), pipeline);
        EvaluationFiles.writeProbabilities(
                job.output().resolve(algorithm + ".test-probabilities" + EvaluationFiles.PROBABILITIES),
                probabilities(labelled, StratifiedSplit.TEST, List.of(testProbabilities)));
        ObjectNode model = models.addObject();
        model.put("algorithm", algorithm);
        model.put("sparkTestAuc", auc(testProbabilities));
        ArrayNode trials = model.putArray("trials");
        for (TrialSearch.Scored trial : search.trials()) {
            ObjectNode t = trials.addObject();
            t.put("trial", trial.number());
            t.put("seconds", trial.seconds());
            t.put("meanAuc", trial.meanAuc());
            ArrayNode iterations = t.putArray("foldIterations");
            for (int n : trial.foldIterations()) {
                iterations.add(n);
            }
        }
        model.put("refittedTrial", search.best().number());
        model.put("searchStoppedByBudget", search.stoppedByBudget());
        ObjectNode details = model.putObject("details");
        fitDetails.forEach(details::put);
    }

    /** Each training row's label (1 = defaulted), in the local engine's row order. */
    private static int[] trainingLabels(LabelledRowsReader.LabelledRows labelled) {
        int[] out = new int[labelled.count(StratifiedSplit.TRAIN)];
        int n = 0;
        for (int i = 0; i < labelled.parts().length; i++) {
            if (labelled.parts()[i] == StratifiedSplit.TRAIN) {
                out[n++] = labelled.defaulted()[i] ? 1 : 0;
            }
        }
        return out;
    }

    /** Each training row's cross-validation fold, in the local engine's row order. */
    private static int[] trainingFolds(LabelledRowsReader.LabelledRows labelled) {
        int[] out = new int[labelled.count(StratifiedSplit.TRAIN)];
        int n = 0;
        for (int i = 0; i < labelled.parts().length; i++) {
            if (labelled.parts()[i] == StratifiedSplit.TRAIN) {
                out[n++] = labelled.folds()[i];
            }
        }
        return out;
    }

    private static Map<String, String> metadata(
            JobArguments job,
            SparkSession spark,
            LabelledRowsReader.LabelledRows labelled,
            int trainRows,
            Map<String, String> details) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("engine", "spark");
        metadata.put("runId", job.runId());
        metadata.put("splitKind", labelled.split().kind());
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

    /**
     * The probabilities of the rows of {@code part}, in the local engine's row order. Each scored row finds its place
     * by a distributed join on its id, and the driver takes the (place, probability) pairs one partition at a time
     * into an array: gathering them by id on the driver (a row and a map entry per application) ran a 6 GiB
     * {@code local[2]} driver out of heap at 10M rows.
     */
    private static double[] probabilities(
            LabelledRowsReader.LabelledRows labelled, int part, List<Dataset<Row>> scored) {
        double[] byRow = new double[labelled.ids().size()];
        Arrays.fill(byRow, Double.NaN);
        for (Dataset<Row> probabilities : scored) {
            Iterator<Row> placed = probabilities
                    .select(LabelledRowsReader.ID, "probability")
                    .join(labelled.rowIndex(), LabelledRowsReader.ID)
                    .select(LabelledRowsReader.ROW_INDEX, "probability")
                    .toLocalIterator();
            while (placed.hasNext()) {
                Row r = placed.next();
                byRow[r.getInt(0)] = r.getDouble(1);
            }
        }
        double[] out = new double[labelled.count(part)];
        int n = 0;
        for (int i = 0; i < byRow.length; i++) {
            if (labelled.parts()[i] == part) {
                if (Double.isNaN(byRow[i])) {
                    throw new IllegalStateException(
                            "no probability for application " + labelled.ids().get(i));
                }
                out[n++] = byRow[i];
            }
        }
        return out;
    }

    /**
     * What the training service evaluates on besides the models' probabilities: every row's label, part and fold
     * ({@value EvaluationFiles#ROWS}), and the bounded samples of test and training rows ({@value
     * EvaluationFiles#SAMPLE}). Returns the two samples' sizes.
     */
    private static int[] writeEvaluationRows(
            SparkSession spark,
            JobArguments job,
            TrainingSchema schema,
            LabelledRowsReader.LabelledRows labelled,
            Dataset<Row> rows)
            throws IOException {
        EvaluationFiles.writeRows(job.output().resolve(EvaluationFiles.ROWS), labelled);
        if (labelled.submittedAt() != null) {
            EvaluationFiles.writeSubmissionTimes(job.output().resolve(EvaluationFiles.SUBMITTED_AT), labelled);
        }
        long seed = job.settings().seed();
        int trainingSize = job.referenceSampleSize() > 0
                ? Math.min(job.sampleSize(), job.referenceSampleSize())
                : job.sampleSize();
        int[] test = EvaluationFiles.draw(labelled.parts(), StratifiedSplit.TEST, job.sampleSize(), seed, true);
        int[] training = EvaluationFiles.draw(labelled.parts(), StratifiedSplit.TRAIN, trainingSize, seed, false);
        List<EvaluationFiles.Sampled> sampled = new ArrayList<>();
        sampled.addAll(EvaluationFiles.sampled(labelled, "test", StratifiedSplit.TEST, test));
        sampled.addAll(EvaluationFiles.sampled(labelled, "training", StratifiedSplit.TRAIN, training));
        Path file = job.output().resolve(EvaluationFiles.SAMPLE);
        if (job.source() == null) {
            List<String> ids = sampled.stream().map(EvaluationFiles.Sampled::id).toList();
            EvaluationFiles.writeSample(file, sampled, new LabelledRowsReader(spark, job).storedFeatures(ids));
        } else {
            EvaluationFiles.writeSample(file, spark, schema, rows, sampled);
        }
        return new int[] {test.length, training.length};
    }

    /** SHA-256 over the test split's application ids, one per line, in the local engine's order. */
    private static String testIdsSha256(LabelledRowsReader.LabelledRows labelled) {
        MessageDigest digest = RowsHash.newDigest();
        for (int i = 0; i < labelled.ids().size(); i++) {
            if (labelled.parts()[i] == StratifiedSplit.TEST) {
                digest.update((labelled.ids().get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return RowsHash.hex(digest);
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
