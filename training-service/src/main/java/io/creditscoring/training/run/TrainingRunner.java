package io.creditscoring.training.run;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.training.dataset.InsufficientDataException;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.report.ComparisonReportWriter;
import io.creditscoring.training.run.stop.RunStoppedException;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.OneStandardErrorRule;
import io.creditscoring.training.spark.DatasetSource;
import io.creditscoring.training.spark.SparkJobFailedException;
import io.creditscoring.training.spark.SparkJobLauncher;
import io.creditscoring.training.spark.SparkJobOutputs;
import io.creditscoring.training.spark.SparkOutcomes;
import io.creditscoring.training.spark.SparkSearch;
import io.creditscoring.training.trainer.FittedModel;
import io.creditscoring.training.trainer.ModelTrainer;
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
    private final RunPreparation preparation;
    private final Map<Algorithm, ModelTrainer> trainers;
    private final List<ModelPublisher> publishers;
    private final TrainingRunMetrics metrics;
    private final SparkJobLauncher spark;

    TrainingRunner(
            TrainingRunRepository runs,
            RunQueue queue,
            RunPreparation preparation,
            List<ModelTrainer> trainers,
            List<ModelPublisher> publishers,
            TrainingRunMetrics metrics,
            SparkJobLauncher spark) {
        this.runs = runs;
        this.queue = queue;
        this.preparation = preparation;
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
        PreparedRun run = preparation.local(preparation.begin(claim.runId(), request));
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
        RunBasis basis = preparation.begin(runId, request);
        DatasetSource source = request.source();
        if (source == null) {
            preparation.requireEnoughRowsStored(basis); // fail fast, before a job starts
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
        try {
            return trainWithJob(claim, request, basis, source, algorithms, search, job);
        } finally {
            spark.release(job);
        }
    }

    /** A Spark run's job, and every step after it on what the job wrote. */
    private Outcome trainWithJob(
            RunClaim claim,
            TrainingRunRepository.RunRequest request,
            RunBasis basis,
            DatasetSource source,
            List<Algorithm> algorithms,
            SparkSearch search,
            SparkJobLauncher.Job job) {
        UUID runId = claim.runId();
        String driverLog = job.driverLog().toString();
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
        PreparedRun run = preparation.fromSparkJob(basis, source, outputs);
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
        String html = ComparisonReportWriter.write(RunReports.of(run, results, selection));
        runs.saveArtifact(run.runId(), "report.html", "text/html", TrainingRunRepository.utf8(html));
        run.timings().put("report", ms(t));
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
