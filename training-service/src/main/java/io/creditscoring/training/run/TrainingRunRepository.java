package io.creditscoring.training.run;

import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.IterationCap;
import io.creditscoring.training.spark.DatasetSource;
import io.creditscoring.training.spark.SparkJobOutputs;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/** Experiment tracking in the {@code training} schema: runs, params, metrics, models and artifacts. */
@Repository
class TrainingRunRepository {

    static final String TIMING_SCOPE = "timing";
    /** A model's mean fold AUC, stored with its test metrics and answered apart from them. */
    static final String CV_AUC = "cvAuc";

    static final String CV_AUC_STANDARD_ERROR = "cvAucStandardError";

    private final JdbcClient jdbc;
    /** Writes a batch of parameters, metrics or trials as one. */
    private final TransactionTemplate writes;
    /**
     * Reads a run's rows from one snapshot: the console opens a run the moment it starts, while its runner writes.
     */
    private final TransactionTemplate snapshotReads;

    TrainingRunRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.writes = new TransactionTemplate(transactions);
        this.snapshotReads = new TransactionTemplate(transactions);
        snapshotReads.setReadOnly(true);
        snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * A run as requested, enough to execute it.
     *
     * @param reason MANUAL, SCHEDULED or DRIFT
     * @param requestedAt when the run was requested (admitted to the queue)
     */
    record RunRequest(
            UUID runId,
            String portfolio,
            String reason,
            Instant requestedAt,
            List<String> algorithms,
            Map<String, Object> overrides,
            String engine,
            DatasetSource source) {}

    Optional<RunRequest> request(UUID runId) {
        return jdbc.sql(
                        "select run_id, portfolio, reason, created_at, algorithms, overrides::text as overrides, engine,"
                                + " source_path, source_format from training.runs where run_id = ?")
                .param(runId)
                .query((rs, i) -> new RunRequest(
                        rs.getObject("run_id", UUID.class),
                        rs.getString("portfolio"),
                        rs.getString("reason"),
                        instant(rs.getTimestamp("created_at")),
                        strings(rs.getArray("algorithms")),
                        CreditJson.json().readValue(rs.getString("overrides"), new TypeReference<>() {}),
                        rs.getString("engine"),
                        rs.getString("source_path") == null
                                ? null
                                : new DatasetSource(rs.getString("source_path"), rs.getString("source_format"))))
                .optional();
    }

    /** What the Spark job found at the run's data set path (its lineage). */
    void recordSource(UUID runId, SparkJobOutputs.SourceRead read) {
        jdbc.sql("""
                        update training.runs set source_files = ?, source_bytes = ?, source_etag = ?,
                               source_fingerprint = ?, source_rows_skipped = ?
                        where run_id = ?
                        """)
                .params(read.files(), read.bytes(), read.etag(), read.fingerprint(), read.rowsSkipped(), runId)
                .update();
    }

    /** A Spark run's job: the master it went to, its driver log, and the driver's web UI while it runs (else null). */
    void recordSparkJob(UUID runId, String master, String driverLog, String uiUrl) {
        jdbc.sql("update training.runs set spark_master = ?, spark_driver_log = ?, spark_ui_url = ? where run_id = ?")
                .params(master, driverLog, uiUrl, runId)
                .update();
    }

    /** The file of a Spark run's driver log, if the run had a Spark job. */
    Optional<String> sparkDriverLog(UUID runId) {
        return jdbc.sql("select spark_driver_log from training.runs where run_id = ? and spark_driver_log is not null")
                .param(runId)
                .query(String.class)
                .optional();
    }

    /** The window of recent outcomes the run reads (a retrain), recorded before it reads them. */
    void recordWindow(UUID runId, TrainingWindow window) {
        jdbc.sql("update training.runs set window_from = ?, window_to = ?, window_basis = ? where run_id = ?")
                .params(Timestamp.from(window.from()), Timestamp.from(window.to()), TrainingWindow.BASIS, runId)
                .update();
    }

    /**
     * Removes what an earlier, interrupted attempt of the run wrote (parameters, metrics, models, report, lineage),
     * so that the new attempt starts from a clean record.
     */
    void clearEarlierAttempts(UUID runId) {
        for (String table :
                List.of("run_params", "run_metrics", "run_models", "run_artifacts", "run_trials", "run_curves")) {
            jdbc.sql("delete from training." + table + " where run_id = ?")
                    .param(runId)
                    .update();
        }
        jdbc.sql("""
                        update training.runs set schema_version = null, dataset_sha256 = null, dataset_rows = null,
                               test_ids_sha256 = null,
                               training_rows = null, test_rows = null, split_kind = null,
                               selected_algorithm = null, promotion_decision = null, window_from = null,
                               window_to = null, window_basis = null, source_files = null, source_bytes = null,
                               source_etag = null, source_fingerprint = null, source_rows_skipped = null
                        where run_id = ?
                        """).param(runId).update();
    }

    void recordDataset(
            UUID runId,
            int schemaVersion,
            PreparedRun.Dataset dataset,
            int trainingRows,
            int testRows,
            String splitKind) {
        jdbc.sql("""
                        update training.runs set schema_version = ?, dataset_sha256 = ?, dataset_rows = ?,
                               test_ids_sha256 = ?, training_rows = ?, test_rows = ?, split_kind = ?
                        where run_id = ?
                        """)
                .params(
                        schemaVersion,
                        dataset.sha256(),
                        dataset.rows(),
                        dataset.testIdsSha256(),
                        trainingRows,
                        testRows,
                        splitKind,
                        runId)
                .update();
    }

    /**
     * Every trial of one algorithm's search, with its cross-validation score and whether it was the best, as one: a
     * reader sees all of them, the best marked, or none.
     */
    void saveTrials(UUID runId, HyperparameterSearch.Result search) {
        writes.executeWithoutResult(status -> saveEachTrial(runId, search));
    }

    private void saveEachTrial(UUID runId, HyperparameterSearch.Result search) {
        for (HyperparameterSearch.Trial trial : search.trials()) {
            CrossValidationScore score = trial.score();
            jdbc.sql("""
                            insert into training.run_trials (run_id, algorithm, trial, trial_values, folds, mean_auc,
                                                             standard_error, fold_aucs, iterations, seconds, best)
                            values (?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?)
                            """)
                    .params(
                            runId,
                            search.algorithm().name(),
                            trial.number(),
                            CreditJson.json().writeValueAsString(trial.values()),
                            score.foldAucs().length,
                            finite(score.meanAuc()),
                            finite(score.standardError()),
                            CreditJson.json().writeValueAsString(finiteList(score.foldAucs())),
                            score.iterations(),
                            trial.seconds(),
                            trial == search.best())
                    .update();
        }
    }

    List<RunView.TrialView> trials(UUID runId, Map<String, String> params) {
        return jdbc.sql("""
                        select algorithm, trial, trial_values::text as trial_values, mean_auc, standard_error,
                               fold_aucs::text as fold_aucs, iterations, seconds, best
                        from training.run_trials where run_id = ? order by algorithm, trial
                        """)
                .param(runId)
                .query((rs, i) -> {
                    String algorithm = rs.getString("algorithm");
                    Map<String, Object> values =
                            CreditJson.json().readValue(rs.getString("trial_values"), new TypeReference<>() {});
                    int iterations = rs.getInt("iterations");
                    return new RunView.TrialView(
                            algorithm,
                            rs.getInt("trial"),
                            values,
                            (Double) rs.getObject("mean_auc"),
                            (Double) rs.getObject("standard_error"),
                            CreditJson.json().readValue(rs.getString("fold_aucs"), new TypeReference<>() {}),
                            iterations,
                            IterationCap.reached(Algorithm.valueOf(algorithm), iterations, values, params),
                            rs.getDouble("seconds"),
                            rs.getBoolean("best"));
                })
                .list();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static List<Double> finiteList(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(finite(v));
        }
        return out;
    }

    void recordPromotionDecision(UUID runId, String decision) {
        jdbc.sql("update training.runs set promotion_decision = ? where run_id = ?")
                .params(decision, runId)
                .update();
    }

    void recordSchemaVersion(UUID runId, int schemaVersion) {
        jdbc.sql("update training.runs set schema_version = ? where run_id = ?")
                .params(schemaVersion, runId)
                .update();
    }

    /** Ends the claimed attempt SUCCEEDED; false when the claim was no longer held (nothing is changed). */
    boolean markSucceeded(RunClaim claim, String selectedAlgorithm) {
        return jdbc.sql("""
                                update training.runs
                                   set status = 'SUCCEEDED', finished_at = now(), selected_algorithm = ?,
                                       claimed_by = null, heartbeat_at = null
                                 where run_id = ? and attempts = ? and status = 'RUNNING'
                                """)
                        .params(selectedAlgorithm, claim.runId(), claim.attempt())
                        .update()
                == 1;
    }

    /** Ends the claimed attempt FAILED; false when the claim was no longer held (nothing is changed). */
    boolean markFailed(RunClaim claim, String reason) {
        return jdbc.sql("""
                                update training.runs
                                   set status = 'FAILED', finished_at = now(), failure_reason = ?,
                                       claimed_by = null, heartbeat_at = null
                                 where run_id = ? and attempts = ? and status = 'RUNNING'
                                """).params(reason, claim.runId(), claim.attempt()).update() == 1;
    }

    void saveParams(UUID runId, Map<String, String> params) {
        writes.executeWithoutResult(status -> params.forEach(
                (name, value) -> jdbc.sql("""
                        insert into training.run_params (run_id, name, value) values (?, ?, ?)
                        on conflict (run_id, name) do update set value = excluded.value
                        """).params(runId, name, value).update()));
    }

    /** Stores the finite metrics of a scope; NaN and infinities (an undefined metric) are left out. */
    void saveMetrics(UUID runId, String scope, Map<String, Double> metrics) {
        writes.executeWithoutResult(status -> metrics.forEach((name, value) -> {
            if (value != null && Double.isFinite(value)) {
                jdbc.sql("""
                                insert into training.run_metrics (run_id, scope, name, value) values (?, ?, ?, ?)
                                on conflict (run_id, scope, name) do update set value = excluded.value
                                """).params(runId, scope, name, value).update();
            }
        }));
    }

    void saveModel(
            UUID runId,
            String algorithm,
            Integer modelVersion,
            Double parity,
            String pipelineJson,
            Map<String, String> details) {
        jdbc.sql("""
                        insert into training.run_models (run_id, algorithm, model_version, onnx_parity_max_abs_diff,
                                                         pipeline_json, details)
                        values (?, ?, ?, ?, ?::jsonb, ?::jsonb)
                        """)
                .params(
                        runId,
                        algorithm,
                        modelVersion,
                        parity,
                        pipelineJson,
                        CreditJson.json().writeValueAsString(details))
                .update();
    }

    void saveArtifact(UUID runId, String name, String contentType, byte[] content) {
        jdbc.sql("""
                        insert into training.run_artifacts (run_id, name, content_type, content, sha256)
                        values (?, ?, ?, ?, ?)
                        on conflict (run_id, name) do update set content = excluded.content, sha256 = excluded.sha256
                        """)
                .params(runId, name, contentType, content, Sha256.hex(content))
                .update();
    }

    /** A model's test-split curves, stored as compact arrays of numbers. */
    void saveCurves(UUID runId, String algorithm, TestSplitCurves curves) {
        List<double[]> roc = curves.roc().stream()
                .map(p -> new double[] {p.falsePositiveRate(), p.truePositiveRate()})
                .toList();
        List<double[]> ks =
                curves.ks().stream().map(TrainingRunRepository::ksArray).toList();
        jdbc.sql("""
                        insert into training.run_curves (run_id, algorithm, roc, ks, ks_widest)
                        values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                        on conflict (run_id, algorithm)
                        do update set roc = excluded.roc, ks = excluded.ks, ks_widest = excluded.ks_widest
                        """)
                .params(
                        runId,
                        algorithm,
                        CreditJson.json().writeValueAsString(roc),
                        CreditJson.json().writeValueAsString(ks),
                        CreditJson.json().writeValueAsString(ksArray(curves.ksWidest())))
                .update();
    }

    /** The test-split curves of each model of the run that stored them, by algorithm. */
    Map<String, TestSplitCurves> curves(UUID runId) {
        Map<String, TestSplitCurves> out = new LinkedHashMap<>();
        jdbc.sql("select algorithm, roc::text as roc, ks::text as ks, ks_widest::text as ks_widest"
                        + " from training.run_curves where run_id = ?")
                .param(runId)
                .query(rs -> {
                    double[][] roc = CreditJson.json().readValue(rs.getString("roc"), double[][].class);
                    double[][] ks = CreditJson.json().readValue(rs.getString("ks"), double[][].class);
                    double[] widest = CreditJson.json().readValue(rs.getString("ks_widest"), double[].class);
                    out.put(
                            rs.getString("algorithm"),
                            new TestSplitCurves(
                                    Arrays.stream(roc)
                                            .map(p -> new ProbabilityMetrics.RocPoint(p[0], p[1]))
                                            .toList(),
                                    Arrays.stream(ks)
                                            .map(TrainingRunRepository::ksPoint)
                                            .toList(),
                                    ksPoint(widest)));
                });
        return out;
    }

    private static double[] ksArray(ProbabilityMetrics.KsPoint p) {
        return new double[] {p.population(), p.defaults(), p.nonDefaults()};
    }

    private static ProbabilityMetrics.KsPoint ksPoint(double[] p) {
        return new ProbabilityMetrics.KsPoint(p[0], p[1], p[2]);
    }

    Optional<byte[]> artifact(UUID runId, String name) {
        return jdbc.sql("select content from training.run_artifacts where run_id = ? and name = ?")
                .params(runId, name)
                .query((rs, i) -> rs.getBytes("content"))
                .optional();
    }

    Optional<RunView> find(UUID runId) {
        return snapshotReads.execute(status -> findInSnapshot(runId));
    }

    private Optional<RunView> findInSnapshot(UUID runId) {
        Optional<RunView> run = jdbc.sql("select * from training.runs where run_id = ?")
                .param(runId)
                .query((rs, i) -> mapRun(rs))
                .optional();
        if (run.isEmpty()) {
            return run;
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        jdbc.sql("select scope, name, value from training.run_metrics where run_id = ? order by scope, name")
                .param(runId)
                .query(rs -> {
                    metrics.computeIfAbsent(rs.getString("scope"), k -> new LinkedHashMap<>())
                            .put(rs.getString("name"), rs.getDouble("value"));
                });
        List<RunView.ModelView> models = new ArrayList<>();
        jdbc.sql("select algorithm, model_version, onnx_parity_max_abs_diff from training.run_models"
                        + " where run_id = ? order by created_at, algorithm")
                .param(runId)
                .query(rs -> {
                    String algorithm = rs.getString("algorithm");
                    Map<String, Double> m = new LinkedHashMap<>(metrics.getOrDefault(algorithm, Map.of()));
                    Double cvAuc = m.remove(CV_AUC);
                    Double cvAucStandardError = m.remove(CV_AUC_STANDARD_ERROR);
                    models.add(new RunView.ModelView(
                            algorithm, (Integer) rs.getObject("model_version"), m, cvAuc, cvAucStandardError, (Double)
                                    rs.getObject("onnx_parity_max_abs_diff")));
                });
        RunView r = run.get();
        Map<String, String> params = params(runId);
        RunView.CrossValidation crossValidation =
                params.containsKey("crossValidation.folds") && params.containsKey("crossValidation.standardErrors")
                        ? new RunView.CrossValidation(
                                Integer.valueOf(params.get("crossValidation.folds")),
                                Double.valueOf(params.get("crossValidation.standardErrors")))
                        : null;
        Integer selectedVersion = models.stream()
                .filter(m -> m.algorithm().equals(r.selectedAlgorithm()))
                .findFirst()
                .map(RunView.ModelView::modelVersion)
                .orElse(null);
        return Optional.of(new RunView(
                r.runId(),
                r.portfolio(),
                r.status(),
                r.reason(),
                r.engine(),
                r.spark(),
                r.requestedBy(),
                r.commandId(),
                r.algorithms(),
                r.overrides(),
                params,
                r.trainingRows(),
                r.testRows(),
                crossValidation,
                models,
                trials(runId, params),
                r.selectedAlgorithm(),
                selectedVersion,
                r.promotionDecision(),
                r.failureReason(),
                r.attempts(),
                r.lineage(),
                r.trainingWindow(),
                metrics.getOrDefault(TIMING_SCOPE, Map.of()),
                r.createdAt(),
                r.startedAt(),
                r.finishedAt()));
    }

    Map<String, String> params(UUID runId) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("select name, value from training.run_params where run_id = ? order by name")
                .param(runId)
                .query(rs -> {
                    out.put(rs.getString("name"), rs.getString("value"));
                });
        return out;
    }

    List<UUID> runsOfCommand(String commandId) {
        return jdbc.sql("select run_id from training.runs where command_id = ?")
                .param(commandId)
                .query((rs, i) -> rs.getObject("run_id", UUID.class))
                .list();
    }

    private static RunView mapRun(ResultSet rs) throws SQLException {
        return new RunView(
                rs.getObject("run_id", UUID.class),
                rs.getString("portfolio"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("engine"),
                spark(rs),
                rs.getString("requested_by"),
                rs.getString("command_id"),
                strings(rs.getArray("algorithms")),
                CreditJson.json().readValue(rs.getString("overrides"), new TypeReference<Map<String, Object>>() {}),
                Map.of(),
                (Integer) rs.getObject("training_rows"),
                (Integer) rs.getObject("test_rows"),
                null,
                List.of(),
                List.of(),
                rs.getString("selected_algorithm"),
                null,
                rs.getString("promotion_decision"),
                rs.getString("failure_reason"),
                rs.getInt("attempts"),
                new RunView.Lineage(
                        (Integer) rs.getObject("schema_version"),
                        rs.getString("dataset_sha256"),
                        (Integer) rs.getObject("dataset_rows"),
                        rs.getString("split_kind"),
                        rs.getString("test_ids_sha256"),
                        source(rs)),
                window(rs),
                Map.of(),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static RunView.SparkJob spark(ResultSet rs) throws SQLException {
        String master = rs.getString("spark_master");
        if (master == null) {
            return null;
        }
        UUID runId = rs.getObject("run_id", UUID.class);
        RunStatus status = RunStatus.valueOf(rs.getString("status"));
        // the driver's UI lives as long as the job: shown while the run is RUNNING only
        String ui = status == RunStatus.RUNNING ? rs.getString("spark_ui_url") : null;
        String log = rs.getString("spark_driver_log") == null ? null : "/v1/training-runs/" + runId + "/driver-log";
        return new RunView.SparkJob(master, ui, log);
    }

    private static RunView.Source source(ResultSet rs) throws SQLException {
        String path = rs.getString("source_path");
        return path == null
                ? null
                : new RunView.Source(
                        path,
                        rs.getString("source_format"),
                        (Integer) rs.getObject("source_files"),
                        (Long) rs.getObject("source_bytes"),
                        rs.getString("source_etag"),
                        rs.getString("source_fingerprint"),
                        (Long) rs.getObject("source_rows_skipped"));
    }

    private static RunView.TrainingWindow window(ResultSet rs) throws SQLException {
        Timestamp from = rs.getTimestamp("window_from");
        return from == null
                ? null
                : new RunView.TrainingWindow(
                        from.toInstant(), rs.getTimestamp("window_to").toInstant(), rs.getString("window_basis"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
