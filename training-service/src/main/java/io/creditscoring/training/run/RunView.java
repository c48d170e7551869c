package io.creditscoring.training.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A training run as answered by {@code GET /v1/training-runs/{runId}}; {@code attempts} counts the times it was
 * started (a run interrupted by a stop or a crash is started again, up to {@code training.queue.max-attempts});
 * {@code engine} which engine trained it ({@code local} or {@code spark}) and {@code spark} its Spark job (null for a
 * local run); {@code promotionDecision} says what the promotion policy made of the selected model, and why;
 * {@code trainingWindow} which recent outcomes a retrain learnt from. {@code algorithms} and {@code overrides} are what
 * the run was started with (the overrides by flat name, as sent); {@code params} every parameter the run tracked by
 * flat name (the algorithms' settings, seed, split and cross-validation after the overrides applied; empty until the
 * run started).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunView(
        UUID runId,
        String portfolio,
        RunStatus status,
        String reason,
        String engine,
        SparkJob spark,
        String requestedBy,
        String commandId,
        List<String> algorithms,
        Map<String, Object> overrides,
        Map<String, String> params,
        Integer trainingRows,
        Integer testRows,
        CrossValidation crossValidation,
        List<ModelView> models,
        List<TrialView> trials,
        String selectedAlgorithm,
        Integer selectedModelVersion,
        String promotionDecision,
        String failureReason,
        int attempts,
        Lineage lineage,
        TrainingWindow trainingWindow,
        Map<String, Double> timingsMs,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /**
     * One model of the run: the best trial of its search refitted on all training rows; {@code metrics} are its test
     * metrics, {@code cvAuc} and {@code cvAucStandardError} the cross-validation score it was selected on;
     * modelVersion and onnxParityMaxAbsDiff stay null until the registry has it.
     */
    public record ModelView(
            String algorithm,
            Integer modelVersion,
            Map<String, Double> metrics,
            Double cvAuc,
            Double cvAucStandardError,
            Double onnxParityMaxAbsDiff) {}

    /**
     * How the run compared its models: {@code folds} stratified folds of the training rows, and the simplest model
     * within {@code standardErrors} standard errors of the best mean fold AUC selected.
     */
    public record CrossValidation(Integer folds, Double standardErrors) {}

    /**
     * One trial of an algorithm's hyper-parameter search.
     *
     * @param values the trial's own values by flat parameter name (empty for trial 1, the run's settings)
     * @param iterations the boosting rounds or epochs of the refit (0 where the algorithm has none)
     * @param reachedIterationCap whether a fold ran to the iteration cap without stopping early, so the model may
     *     have been cut short (see {@link io.creditscoring.training.selection.IterationCap}); null where the algorithm has no iterations
     * @param best whether this trial's settings were refitted on all training rows
     */
    public record TrialView(
            String algorithm,
            int trial,
            Map<String, Object> values,
            Double meanAuc,
            Double standardError,
            List<Double> foldAucs,
            int iterations,
            Boolean reachedIterationCap,
            double seconds,
            boolean best) {}

    /**
     * The window of recent outcomes a retrain read (null when the run read every labelled application).
     *
     * @param from the earliest observation time read (inclusive)
     * @param to the end of the window (exclusive), when the run was requested
     * @param basis how the observation time is taken
     */
    public record TrainingWindow(Instant from, Instant to, String basis) {}

    /**
     * A Spark run's job.
     *
     * @param master the Spark master it was submitted to
     * @param uiUrl the driver's web UI, while the run is RUNNING (null before the driver started it and after the end)
     * @param driverLog where the driver's log is served (the path of {@code GET .../driver-log})
     */
    public record SparkJob(String master, String uiUrl, String driverLog) {}

    /**
     * Which data the run read: ingestion's tables, or ({@code source}) a data set at a path that a Spark run read
     * instead; {@code datasetSha256} hashes the rows read either way.
     *
     * @param testIdsSha256 SHA-256 over the test split's application ids, one per line, in the split's order: two runs
     *     with the same hash evaluated their models on the same applications (null for a run before it was kept)
     */
    public record Lineage(
            Integer schemaVersion,
            String datasetSha256,
            Integer datasetRows,
            String splitKind,
            String testIdsSha256,
            Source source) {}

    /**
     * The data set at a path a Spark run read: the path and format asked for, then what the job found there (null
     * until it has read it).
     *
     * @param files the files Spark read (a path may be a directory or a prefix of many)
     * @param bytes their total size
     * @param etag the object's ETag, when the data set is one object of an object store
     * @param fingerprint SHA-256 over each file's path, size and ETag (or modification time), in path order
     * @param rowsSkipped rows left out: no application id, or no outcome
     */
    public record Source(
            String path, String format, Integer files, Long bytes, String etag, String fingerprint, Long rowsSkipped) {}
}
