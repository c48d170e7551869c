package io.creditscoring.training.run;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaGovernance;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.InsufficientDataException;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.dataset.TrainingSet;
import io.creditscoring.training.dataset.TrainingSetReader;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.preprocess.InformationValueCalculator;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import io.creditscoring.training.report.ComparisonReport;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.spark.DatasetSource;
import io.creditscoring.training.spark.SparkJobFailedException;
import io.creditscoring.training.spark.SparkJobOutputs;
import io.creditscoring.training.spark.SparkOutcomes;
import io.creditscoring.training.trainer.PreparedData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The data steps of a run's attempt, before any model is fitted: its basis (schema, settings, parameters, a
 * retrain's window), then for a local run the rows read, split and preprocessed with the cross-validation folds, or
 * for a Spark run what its job wrote, checked against the local engine's rules. Too few labelled rows end the run.
 */
@Component
class RunPreparation {

    private static final Logger log = LoggerFactory.getLogger(RunPreparation.class);

    private final TrainingRunRepository runs;
    private final PortfolioCatalog catalog;
    private final TrainingSetReader reader;
    private final TrainingProperties properties;
    private final TrainingRunMetrics metrics;

    RunPreparation(
            TrainingRunRepository runs,
            PortfolioCatalog catalog,
            TrainingSetReader reader,
            TrainingProperties properties,
            TrainingRunMetrics metrics) {
        this.runs = runs;
        this.catalog = catalog;
        this.reader = reader;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** A local run's data: its labelled rows read, split and preprocessed, and the folds. */
    PreparedRun local(RunBasis basis) {
        return prepare(basis, read(basis));
    }

    /** Refuses a run with too few labelled rows stored, before a Spark job starts: a count, no row read. */
    void requireEnoughRowsStored(RunBasis basis) {
        TrainingSetReader.Counts counts = reader.count(basis.registered().schema(), basis.window());
        requireEnoughRows(basis.registered().schema(), counts.rows(), counts.defaults(), basis.window());
    }

    /**
     * What the attempt starts from: the schema (refused when it cannot be trained), the settings with the run's
     * overrides and a retrain's window, the schema version and parameters recorded.
     */
    RunBasis begin(UUID runId, TrainingRunRepository.RunRequest request) {
        long started = System.nanoTime();
        RegisteredPortfolio registered = catalog.find(request.portfolio())
                .orElseThrow(() -> new IllegalArgumentException("unknown portfolio '" + request.portfolio() + "'"));
        PortfolioSchema schema = registered.schema();
        List<SchemaViolation> unjustified = SchemaGovernance.unjustifiedProtectedInputs(schema);
        if (!unjustified.isEmpty()) {
            throw new SchemaNotTrainableException(schema.portfolio(), registered.version(), unjustified);
        }
        runs.recordSchemaVersion(runId, registered.version());
        RunSettings settings = RunSettings.of(properties, request.overrides());
        Map<String, String> params = new LinkedHashMap<>(settings.params());
        params.put("algorithms", String.join(",", request.algorithms()));
        runs.saveParams(runId, params);

        TrainingWindow window = window(request);
        if (window != null) {
            runs.recordWindow(runId, window);
        }
        return new RunBasis(runId, registered, settings, params, window, new LinkedHashMap<>(), started);
    }

    /** The portfolio's labelled applications from ingestion's tables (a retrain's window of them). */
    private TrainingSet read(RunBasis basis) {
        StopSignal.checkpoint("before reading the training set");
        long t = System.nanoTime();
        TrainingSet set = reader.read(basis.registered().schema(), properties.fetchSize(), basis.window());
        basis.timings().put("read", ms(t));
        StopSignal.checkpoint("after reading the training set");
        return set;
    }

    /**
     * Refuses too few rows, splits them and fits the preprocessing on the training split; prepares the
     * cross-validation folds.
     */
    private PreparedRun prepare(RunBasis basis, TrainingSet set) {
        UUID runId = basis.runId();
        RegisteredPortfolio registered = basis.registered();
        PortfolioSchema schema = registered.schema();
        RunSettings settings = basis.settings();
        Map<String, Double> timings = basis.timings();
        requireEnoughRows(schema, set.size(), set.defaults(), basis.window());

        long t = System.nanoTime();
        DataSplit split = DatasetSplitter.split(set.rows(), settings.split(), settings.seed());
        List<String> testIds =
                split.test().stream().map(LabelledRow::applicationId).toList();
        PreparedRun.Dataset dataset = new PreparedRun.Dataset(
                set.sha256(), set.size(), set.defaults(), PreparedRun.Dataset.idsSha256(testIds));
        timings.put("split", ms(t));
        runs.recordDataset(
                runId,
                registered.version(),
                dataset,
                split.train().size(),
                split.test().size(),
                split.kind());
        log.info(
                "Run {}: {} split into {} training and {} test rows",
                runId,
                split.kind(),
                split.train().size(),
                split.test().size());

        t = System.nanoTime();
        FittedPreprocessing preprocessing = PreprocessingFitter.fit(schema, split.train(), settings.preprocessing());
        List<InformationValue> iv = InformationValueCalculator.table(
                schema, split.train(), settings.preprocessing().ivBins());
        PreparedData data = new PreparedData(schema, preprocessing, settings, split.train(), List.of(), split.test());
        timings.put("preprocess", ms(t));

        t = System.nanoTime();
        CrossValidationFolds folds = CrossValidationFolds.prepare(schema, split.train(), settings);
        timings.put("folds", ms(t));
        return new PreparedRun(
                runId,
                registered,
                settings,
                basis.params(),
                dataset,
                basis.window(),
                new ComparisonReport.Split(
                        split.kind(),
                        split.note(),
                        split.train().size(),
                        split.test().size(),
                        split.train().size()),
                preprocessing,
                iv,
                data.yTest(),
                new PreparedRun.EvaluationRows(
                        testIds,
                        split.test().stream().map(LabelledRow::features).toList(),
                        null,
                        split.train().stream().map(LabelledRow::features).toList()),
                data,
                folds,
                timings,
                basis.started());
    }

    /**
     * A Spark run prepared from what its job wrote: the lineage and counts, the split (checked against the local
     * engine's rules), the preprocessing the job fitted, the information values from the job's counts of all
     * training rows (on the training sample from a job that wrote none), the test labels, and the samples of feature
     * rows for the publishers. Primitive arrays, counts and bounded samples only.
     */
    PreparedRun fromSparkJob(RunBasis basis, DatasetSource source, SparkJobOutputs outputs) {
        UUID runId = basis.runId();
        RegisteredPortfolio registered = basis.registered();
        PortfolioSchema schema = registered.schema();
        RunSettings settings = basis.settings();
        if (source != null) {
            if (outputs.source() == null) {
                throw new SparkJobFailedException("the Spark job wrote no lineage of " + source.path());
            }
            runs.recordSource(runId, outputs.source());
        }
        SparkJobOutputs.Rows rows = outputs.rows();
        requireEnoughRows(schema, rows.size(), rows.defaults(), basis.window());
        SparkOutcomes.CheckedSplit split = SparkOutcomes.requireLocalSplit(rows, outputs.split(), settings);
        int trainRows = rows.count(SparkJobOutputs.Rows.TRAIN);
        int testRows = rows.count(SparkJobOutputs.Rows.TEST);
        PreparedRun.Dataset dataset =
                new PreparedRun.Dataset(rows.sha256(), rows.size(), rows.defaults(), rows.testIdsSha256());
        runs.recordDataset(runId, registered.version(), dataset, trainRows, testRows, split.kind());
        metrics.rowsRead(
                schema.portfolio(),
                "spark-sample",
                outputs.testSample().rows().size()
                        + outputs.trainingSample().rows().size());
        log.info(
                "Run {}: the Spark job read {} labelled rows ({} defaults){}, {} split into {} training and {} test rows;"
                        + " samples of {} test and {} training rows",
                runId,
                rows.size(),
                rows.defaults(),
                source == null
                        ? ""
                        : " from " + source.path() + " (" + outputs.source().files() + " files, "
                                + outputs.source().rowsSkipped() + " rows skipped)",
                split.kind(),
                trainRows,
                testRows,
                outputs.testSample().rows().size(),
                outputs.trainingSample().rows().size());
        List<String> excluded = schema.features().stream()
                .filter(f -> !f.feedsModel())
                .map(FeatureSpec::name)
                .toList();
        FittedPreprocessing preprocessing =
                new FittedPreprocessing(outputs.scaled(), outputs.trees(), outputs.dropped(), excluded);
        long t = System.nanoTime();
        // the job's counts of all training rows; a job built before it wrote them leaves the training sample
        boolean exactIv = outputs.informationValueBins() != null;
        List<InformationValue> iv = exactIv
                ? SparkOutcomes.informationValues(schema, outputs.informationValueBins(), rows)
                : InformationValueCalculator.table(
                        schema,
                        outputs.trainingSample().rows(),
                        settings.preprocessing().ivBins());
        basis.timings().put("preprocess", ms(t));
        SparkJobOutputs.Sample test = outputs.testSample();
        boolean sampled = test.rows().size() < testRows;
        return new PreparedRun(
                runId,
                registered,
                settings,
                basis.params(),
                dataset,
                basis.window(),
                new ComparisonReport.Split(
                        split.kind(),
                        split.note(),
                        trainRows,
                        testRows,
                        exactIv ? trainRows : outputs.trainingSample().rows().size()),
                preprocessing,
                iv,
                rows.labels(SparkJobOutputs.Rows.TEST),
                new PreparedRun.EvaluationRows(
                        test.ids(),
                        test.features(),
                        sampled ? test.indices() : null,
                        outputs.trainingSample().features()),
                null,
                null,
                basis.timings(),
                basis.started());
    }

    /**
     * A retrain's window of recent outcomes ({@code training.window.retrains} before the run was requested, so that
     * every attempt of the run reads the same window), or null for a run that reads every labelled application.
     */
    private TrainingWindow window(TrainingRunRepository.RunRequest request) {
        Duration length = properties.window().forReason(request.reason());
        return length == null ? null : TrainingWindow.ending(request.requestedAt(), length);
    }

    private void requireEnoughRows(PortfolioSchema schema, int rows, int defaults, TrainingWindow window) {
        if (rows < properties.minLabelledRows()
                || defaults < properties.minRowsPerClass()
                || rows - defaults < properties.minRowsPerClass()) {
            throw InsufficientDataException.of(
                    schema.portfolio(),
                    rows,
                    defaults,
                    properties.minLabelledRows(),
                    properties.minRowsPerClass(),
                    window);
        }
    }

    private static double ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
