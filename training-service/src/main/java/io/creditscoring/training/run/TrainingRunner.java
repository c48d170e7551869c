package io.creditscoring.training.run;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaGovernance;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.InsufficientDataException;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.dataset.TrainingSet;
import io.creditscoring.training.dataset.TrainingSetReader;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.preprocess.InformationValueCalculator;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import io.creditscoring.training.report.ComparisonReport;
import io.creditscoring.training.report.ComparisonReportWriter;
import io.creditscoring.training.run.stop.RunStoppedException;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.OneStandardErrorRule;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.spark.DatasetSource;
import io.creditscoring.training.spark.SparkJobFailedException;
import io.creditscoring.training.spark.SparkJobLauncher;
import io.creditscoring.training.spark.SparkJobOutputs;
import io.creditscoring.training.spark.SparkOutcomes;
import io.creditscoring.training.spark.SparkSearch;
import io.creditscoring.training.trainer.FittedModel;
import io.creditscoring.training.trainer.ModelTrainer;
import io.creditscoring.training.trainer.PreparedData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes one attempt of a run from start to end: read, split, preprocess, prepare the cross-validation folds, search
 * each algorithm's settings by cross-validation and refit the best on all training rows, evaluate it on the test rows,
 * publish, select (one-standard-error rule on the fold AUCs), report. Every failure ends the run FAILED with its reason; nothing escapes to crash the service. A stop
 * is honoured at checkpoints (between steps and algorithms here, between rounds and epochs in the trainers): the
 * run is handed back to the queue.
 */
@Component
class TrainingRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingRunRepository runs;
    private final RunQueue queue;
    private final PortfolioCatalog catalog;
    private final TrainingSetReader reader;
    private final TrainingProperties properties;
    private final Map<Algorithm, ModelTrainer> trainers;
    private final List<ModelPublisher> publishers;
    private final TrainingRunMetrics metrics;
    private final SparkJobLauncher spark;

    TrainingRunner(
            TrainingRunRepository runs,
            RunQueue queue,
            PortfolioCatalog catalog,
            TrainingSetReader reader,
            TrainingProperties properties,
            List<ModelTrainer> trainers,
            List<ModelPublisher> publishers,
            TrainingRunMetrics metrics,
            SparkJobLauncher spark) {
        this.runs = runs;
        this.queue = queue;
        this.catalog = catalog;
        this.reader = reader;
        this.properties = properties;
        this.trainers = trainers.stream()
                .collect(Collectors.toMap(
                        ModelTrainer::algorithm,
                        Function.identity(),
                        (a, b) -> a,
                        () -> new EnumMap<>(Algorithm.class)));
        this.publishers = List.copyOf(publishers);
        this.metrics = metrics;
        this.spark = spark;
    }

    /**
     * What an attempt produced: SUCCEEDED or FAILED (empty models), or QUEUED when it was interrupted and handed
     * back to the queue.
     */
    record Outcome(RunStatus status, List<TrainedModel> models, Algorithm selected, String failureReason) {}

    /**
     * Executes one claimed attempt of a run. A stop asked for through {@code stop} ends it at the next checkpoint and
     * hands it back to the queue (or fails it, on its last attempt).
     */
    Outcome execute(RunClaim claim, StopSignal stop) {
        UUID runId = claim.runId();
        var request = runs.request(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        if (claim.attempt() > 1) {
            runs.clearEarlierAttempts(runId);
        }
        log.info(
                "Run {} for portfolio {} started (attempt {}): {}",
                runId,
                request.portfolio(),
                claim.attempt(),
                request.algorithms());
        long started = System.nanoTime();
        metrics.started(request.portfolio());
        Outcome outcome;
        try {
            outcome = stop.watch(() -> train(claim, request));
        } catch (RunStoppedException e) {
            outcome = handBack(claim, e.getMessage());
        } catch (InsufficientDataException | SchemaNotTrainableException | SparkJobFailedException e) {
            outcome = failed(claim, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            if (stop.requested()) {
                // a step cut short by the stop itself (a closing pool, a cancelled query) is no fault of the run
                outcome = handBack(claim, stop.reason() + " (" + e.getClass().getSimpleName() + ")");
            } else {
                log.error("Run {} failed", runId, e);
                outcome = failed(claim, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (outcome.status() != RunStatus.QUEUED) {
            metrics.finished(request.portfolio(), outcome.status(), System.nanoTime() - started);
        }
        return outcome;
    }

    private Outcome handBack(RunClaim claim, String why) {
        RunStatus status = queue.handBack(claim, why).orElse(null);
        if (status == null) {
            log.warn(
                    "Run {} (attempt {}) stopped: {}; it was no longer this worker's",
                    claim.runId(),
                    claim.attempt(),
                    why);
            return new Outcome(RunStatus.QUEUED, List.of(), null, null);
        }
        if (status == RunStatus.FAILED) {
            log.warn("Run {} FAILED: interrupted on its last attempt ({}): {}", claim.runId(), claim.attempt(), why);
            return new Outcome(RunStatus.FAILED, List.of(), null, why);
        }
        log.info("Run {} handed back to the queue after attempt {}: {}", claim.runId(), claim.attempt(), why);
        return new Outcome(RunStatus.QUEUED, List.of(), null, null);
    }

    private Outcome failed(RunClaim claim, String reason) {
        log.warn("Run {} FAILED: {}", claim.runId(), reason);
        if (!runs.markFailed(claim, reason)) {
            log.warn(
                    "Run {} (attempt {}) was no longer this worker's; its failure is not recorded",
                    claim.runId(),
                    claim.attempt());
        }
        return new Outcome(RunStatus.FAILED, List.of(), null, reason);
    }

    /**
     * The steps of one attempt: prepare the data and the folds; per algorithm search its settings by cross-validation,
     * refit the best on all training rows, evaluate it on the test rows, export and gate it; select; report.
     */
    private Outcome train(RunClaim claim, TrainingRunRepository.RunRequest request) {
        if ("spark".equals(request.engine())) {
            return trainOnSpark(claim, request);
        }
        RunBasis basis = begin(claim.runId(), request);
        PreparedRun run = prepare(basis, read(basis));
        List<ModelResult> results = new ArrayList<>();
        for (String name : request.algorithms()) {
            Algorithm algorithm = Algorithm.valueOf(name);
            StopSignal.checkpoint("before training " + algorithm);
            ModelResult result =
                    evaluate(run, train(run, algorithm, request.overrides().keySet()));
            results.add(exportAndGate(run, result));
        }
        OneStandardErrorRule.Selection selection = select(run, results);
        Algorithm selected = selection == null ? null : selection.selected();
        report(run, results, selection);
        return finish(claim, run, results, selected);
    }

    /**
     * The steps of a Spark run's attempt: the Spark job reads the rows, splits them, fits the preprocessing and the
     * models with cross-validation, and writes what the evaluation needs (the models' probabilities as arrays, every
     * row's label, part and fold, bounded samples of feature rows, the lineage hash and counts); every step after the
     * fit is the local engine's. The service never holds an object per labelled row of a Spark run.
     */
    private Outcome trainOnSpark(RunClaim claim, TrainingRunRepository.RunRequest request) {
        UUID runId = claim.runId();
        RunBasis basis = begin(runId, request);
        DatasetSource source = request.source();
        if (source == null) {
            // fail fast, before a job starts, on too few rows: a count, no row read
            TrainingSetReader.Counts counts = reader.count(basis.registered().schema(), basis.window());
            requireEnoughRows(basis.registered().schema(), counts.rows(), counts.defaults(), basis.window());
        }
        List<Algorithm> algorithms =
                request.algorithms().stream().map(Algorithm::valueOf).toList();
        // drawn here, with the local engine's sampler, and handed to the job: both engines search the same trials
        SparkSearch search = SparkSearch.plan(
                algorithms, basis.settings(), request.overrides().keySet());
        SparkJobLauncher.Job job = spark.prepare(runId, claim.attempt());
        String driverLog = job.driverLog().toString();
        runs.recordSparkJob(runId, job.master(), driverLog, null);
        StopSignal.checkpoint("before starting the Spark job");
        long t = System.nanoTime();
        SparkJobOutputs outputs = spark.run(
                job,
                runId.toString(),
                basis.registered().schema(),
                basis.settings(),
                request.algorithms(),
                search,
                source,
                basis.window(),
                ui -> runs.recordSparkJob(runId, job.master(), driverLog, ui));
        double seconds = ms(t) / 1000;
        PreparedRun run = prepareFromJob(basis, source, outputs);
        run.timings().put("spark", seconds * 1000);
        outputs.timingsMs().forEach((step, value) -> run.timings().put("spark." + step, value));
        List<ModelResult> results = new ArrayList<>();
        for (Algorithm algorithm : algorithms) {
            SparkJobOutputs.Model model = outputs.models().get(algorithm);
            if (model == null) {
                throw new SparkJobFailedException("the Spark job wrote no " + algorithm + " model");
            }
            AlgorithmTraining.Outcome outcome = SparkOutcomes.outcome(
                    model, outputs.rows(), search.of(algorithm), run.settings(), search.timeBudget());
            runs.saveTrials(runId, outcome.search());
            log.info(
                    "Run {}: {} on Spark: best of {} trials is trial {}: mean fold AUC {} (standard error {}); test"
                            + " AUC {}",
                    runId,
                    algorithm,
                    outcome.search().trials().size(),
                    outcome.best().number(),
                    String.format("%.4f", outcome.best().score().meanAuc()),
                    String.format("%.4f", outcome.best().score().standardError()),
                    String.format("%.4f", outcome.metrics().auc()));
            results.add(exportAndGate(run, evaluate(run, outcome)));
        }
        OneStandardErrorRule.Selection selection = select(run, results);
        Algorithm selected = selection == null ? null : selection.selected();
        report(run, results, selection);
        return finish(claim, run, results, selected);
    }

    /**
     * A Spark run prepared from what its job wrote: the lineage and counts, the split (checked against the local
     * engine's rules), the preprocessing the job fitted, the information values from the job's counts of all
     * training rows (on the training sample from a job that wrote none), the test labels, and the samples of feature
     * rows for the publishers. Primitive arrays, counts and bounded samples only.
     */
    private PreparedRun prepareFromJob(RunBasis basis, DatasetSource source, SparkJobOutputs outputs) {
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
        runs.recordDataset(runId, registered.version(), rows.sha256(), rows.size(), trainRows, testRows, split.kind());
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
                new PreparedRun.Dataset(rows.sha256(), rows.size(), rows.defaults()),
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
     * What a run starts from, before it reads a row: the portfolio's schema (refused when it cannot be trained), the
     * settings with the run's overrides, and a retrain's window; the schema version and parameters are recorded.
     */
    private record RunBasis(
            UUID runId,
            RegisteredPortfolio registered,
            RunSettings settings,
            Map<String, String> params,
            TrainingWindow window,
            Map<String, Double> timings,
            long started) {}

    private RunBasis begin(UUID runId, TrainingRunRepository.RunRequest request) {
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
        timings.put("split", ms(t));
        runs.recordDataset(
                runId,
                registered.version(),
                set.sha256(),
                set.size(),
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
                new PreparedRun.Dataset(set.sha256(), set.size(), set.defaults()),
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
                        split.test().stream().map(LabelledRow::applicationId).toList(),
                        split.test().stream().map(LabelledRow::features).toList(),
                        null,
                        split.train().stream().map(LabelledRow::features).toList()),
                data,
                folds,
                timings,
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

    private ModelTrainer trainer(Algorithm algorithm) {
        ModelTrainer trainer = trainers.get(algorithm);
        if (trainer == null) {
            throw new IllegalStateException("no trainer for " + algorithm);
        }
        return trainer;
    }

    /**
     * The algorithm's search (every trial recorded with the run), the refit of its best trial on all training rows,
     * the calibration and the test metrics.
     */
    private AlgorithmTraining.Outcome train(PreparedRun run, Algorithm algorithm, Set<String> runOverrides) {
        AlgorithmTraining.Outcome outcome =
                AlgorithmTraining.train(trainer(algorithm), run.folds(), run.data(), run.settings(), runOverrides);
        run.timings().put("search." + algorithm, outcome.searchMs());
        run.timings().put("refit." + algorithm, outcome.refitMs());
        runs.saveTrials(run.runId(), outcome.search());
        HyperparameterSearch.Trial best = outcome.best();
        log.info(
                "Run {}: {} best of {} trials is trial {}: mean fold AUC {} (standard error {}); test AUC {}, KS {},"
                        + " Brier {}, ECE {} ({} before calibration)",
                run.runId(),
                algorithm,
                outcome.search().trials().size(),
                best.number(),
                String.format("%.4f", best.score().meanAuc()),
                String.format("%.4f", best.score().standardError()),
                String.format("%.4f", outcome.metrics().auc()),
                String.format("%.4f", outcome.metrics().ks()),
                String.format("%.4f", outcome.metrics().brier()),
                String.format("%.4f", outcome.ece()),
                String.format("%.4f", outcome.eceUncalibrated()));
        return outcome;
    }

    /** The model as a pipeline with its lineage, the best trial's settings and its calibration; its metrics tracked. */
    private ModelResult evaluate(PreparedRun run, AlgorithmTraining.Outcome outcome) {
        Algorithm algorithm = outcome.algorithm();
        HyperparameterSearch.Trial best = outcome.best();
        CrossValidationScore cv = best.score();
        FittedModel fitted = outcome.fitted();
        ModelMetrics metrics = outcome.metrics();
        Map<String, String> params = new LinkedHashMap<>(run.params());
        params.putAll(best.settings().params());
        Map<String, String> details = outcome.details();
        Map<String, String> lineage = run.lineage();
        Map<String, String> metadata = new LinkedHashMap<>(lineage);
        metadata.put("algorithm", algorithm.name());
        details.forEach((k, v) -> metadata.put("fit." + k, v));
        params.forEach((k, v) -> metadata.put("param." + k, v));
        PortfolioSchema schema = run.registered().schema();
        ModelPipeline pipeline = new ModelPipeline(
                schema.portfolio(),
                algorithm,
                fitted.preprocessing(),
                fitted.model(),
                metadata,
                outcome.calibration().scaling());
        TrainedModel model = new TrainedModel(
                run.runId(),
                schema.portfolio(),
                run.registered().version(),
                schema,
                algorithm,
                pipeline,
                run.evaluation().testIds(),
                run.evaluation().testRows(),
                run.evaluation().test(run.yTest()),
                run.evaluation().test(outcome.calibration().test()),
                run.evaluation().testIndices() != null,
                run.evaluation().trainingRows(),
                metrics,
                cv.meanAuc(),
                cv.standardError(),
                Map.copyOf(params),
                Map.copyOf(lineage));
        Map<String, Double> tracked = metricMap(metrics, cv);
        tracked.put("ece", outcome.ece());
        tracked.put("eceUncalibrated", outcome.eceUncalibrated());
        runs.saveMetrics(run.runId(), algorithm.name(), tracked);
        runs.saveCurves(
                run.runId(),
                algorithm.name(),
                TestSplitCurves.of(run.yTest(), outcome.calibration().test()));
        return new ModelResult(
                fitted,
                model,
                outcome.search(),
                details,
                outcome.eceUncalibrated(),
                outcome.ece(),
                outcome.calibration().test(),
                ModelPublisher.PublishedModel.NOT_PUBLISHED);
    }

    /** The ONNX export, its parity gate and the registry write (the publishers); the model tracked with the run. */
    private ModelResult exportAndGate(PreparedRun run, ModelResult result) {
        ModelPublisher.PublishedModel published = publish(result.model());
        runs.saveModel(
                run.runId(),
                result.algorithm().name(),
                published.modelVersion(),
                published.onnxParityMaxAbsDiff(),
                CreditJson.json().writeValueAsString(result.model().pipeline()),
                result.details());
        return new ModelResult(
                result.fitted(),
                result.model(),
                result.search(),
                result.details(),
                result.eceUncalibrated(),
                result.ece(),
                result.testProbabilities(),
                published);
    }

    /**
     * The selected algorithm by the one-standard-error rule on the cross-validation scores, handed to the publishers
     * (the promotion policy); its decision is recorded. The test rows play no part in it.
     */
    private OneStandardErrorRule.Selection select(PreparedRun run, List<ModelResult> results) {
        List<OneStandardErrorRule.Candidate> candidates = results.stream()
                .map(r -> new OneStandardErrorRule.Candidate(
                        r.algorithm(), r.model().cvAuc(), r.model().cvAucStandardError()))
                .toList();
        OneStandardErrorRule.Selection selection = OneStandardErrorRule.select(
                        candidates, run.settings().crossValidation().standardErrors())
                .orElse(null);
        if (selection == null) {
            return null;
        }
        Algorithm selected = selection.selected();
        log.info(
                "Run {}: selected {} (best mean fold AUC: {}; least mean selectable: {})",
                run.runId(),
                selected,
                selection.best(),
                String.format("%.4f", selection.threshold()));
        ModelResult chosen = results.stream()
                .filter(r -> r.algorithm() == selected)
                .findFirst()
                .orElseThrow();
        String decision = publishers.stream()
                .flatMap(p -> p.selected(chosen.model(), chosen.published()).stream())
                .collect(Collectors.joining("; "));
        if (!decision.isEmpty()) {
            runs.recordPromotionDecision(run.runId(), decision);
        }
        return selection;
    }

    /** The HTML comparison report, stored with the run. */
    private void report(PreparedRun run, List<ModelResult> results, OneStandardErrorRule.Selection selection) {
        run.timings().put("total", ms(run.startedNanos()));
        long t = System.nanoTime();
        List<ComparisonReport.ModelSection> sections = results.stream()
                .map(r -> new ComparisonReport.ModelSection(
                        r.algorithm(),
                        r.model().metrics(),
                        r.model().cvAuc(),
                        r.model().cvAucStandardError(),
                        r.testProbabilities(),
                        r.fitted().testProbabilities(),
                        r.ece(),
                        r.eceUncalibrated(),
                        r.model().pipeline().calibration() != null,
                        r.fitted().featureImportance(),
                        r.fitted().importanceKind(),
                        r.details(),
                        trialRows(r.search()),
                        r.search().stoppedBy()))
                .toList();
        ComparisonReport report = new ComparisonReport(
                run.runId(),
                run.registered().schema().portfolio(),
                run.registered().version(),
                run.dataset().sha256(),
                run.dataset().rows(),
                run.dataset().defaults(),
                run.window() == null ? null : run.window().toString(),
                run.split(),
                run.yTest(),
                run.preprocessing(),
                run.iv(),
                sections,
                selection == null ? null : selection.selected(),
                new ComparisonReport.SelectionRule(
                        run.settings().crossValidation().folds(),
                        run.settings().crossValidation().standardErrors(),
                        selection == null ? null : selection.best(),
                        selection == null ? Double.NaN : selection.threshold()),
                run.settings().calibration().bins(),
                run.params(),
                LibraryVersions.all(),
                run.timings());
        runs.saveArtifact(
                run.runId(),
                "report.html",
                "text/html",
                TrainingRunRepository.utf8(ComparisonReportWriter.write(report)));
        run.timings().put("report", ms(t));
    }

    private static List<ComparisonReport.TrialRow> trialRows(HyperparameterSearch.Result search) {
        return search.trials().stream()
                .map(trial -> new ComparisonReport.TrialRow(
                        trial.number(),
                        trial.values().isEmpty()
                                ? "the run's settings"
                                : trial.values().toString(),
                        trial.score().meanAuc(),
                        trial.score().standardError(),
                        trial.score().foldAucs(),
                        trial.score().iterations(),
                        trial.seconds(),
                        trial == search.best()))
                .toList();
    }

    private Outcome finish(RunClaim claim, PreparedRun run, List<ModelResult> results, Algorithm selected) {
        run.timings().put("total", ms(run.startedNanos()));
        runs.saveMetrics(run.runId(), TrainingRunRepository.TIMING_SCOPE, run.timings());
        List<TrainedModel> models = results.stream().map(ModelResult::model).toList();
        if (!runs.markSucceeded(claim, selected == null ? null : selected.name())) {
            log.warn(
                    "Run {} (attempt {}) was no longer this worker's; its success is not recorded",
                    run.runId(),
                    claim.attempt());
            return new Outcome(RunStatus.QUEUED, models, selected, null);
        }
        log.info(
                "Run {} SUCCEEDED in {} ms; selected {}; step timings (ms) {}",
                run.runId(),
                run.timings().get("total").longValue(),
                selected,
                run.timings().entrySet().stream()
                        .map(e -> e.getKey() + "=" + Math.round(e.getValue()))
                        .collect(Collectors.joining(", ")));
        return new Outcome(RunStatus.SUCCEEDED, models, selected, null);
    }

    private ModelPublisher.PublishedModel publish(TrainedModel model) {
        ModelPublisher.PublishedModel result = ModelPublisher.PublishedModel.NOT_PUBLISHED;
        for (ModelPublisher publisher : publishers) {
            ModelPublisher.PublishedModel published = publisher.publish(model);
            if (published != null && published.modelVersion() != null) {
                result = published;
            }
        }
        return result;
    }

    private static Map<String, Double> metricMap(ModelMetrics m, CrossValidationScore cv) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("auc", m.auc());
        out.put("gini", m.gini());
        out.put("ks", m.ks());
        out.put("brier", m.brier());
        out.put("logLoss", m.logLoss());
        out.put("f1", m.f1());
        out.put("precision", m.precision());
        out.put("recall", m.recall());
        out.put("threshold", m.threshold());
        out.put(TrainingRunRepository.CV_AUC, cv.meanAuc());
        out.put(TrainingRunRepository.CV_AUC_STANDARD_ERROR, cv.standardError());
        return out;
    }

    private static double ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
