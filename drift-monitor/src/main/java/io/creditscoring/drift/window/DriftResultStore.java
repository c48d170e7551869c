package io.creditscoring.drift.window;

import io.creditscoring.drift.stats.ApprovalParity;
import io.creditscoring.drift.stats.Histogram;
import io.creditscoring.drift.stats.ScoreStability;
import io.creditscoring.model.CreditJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Drift results per window and feature in the monitoring schema. */
@Repository
class DriftResultStore {

    private static final TypeReference<List<ScoreStability.Bin>> PSI_TABLE = new TypeReference<>() {};
    private static final TypeReference<List<ApprovalParity>> FAIRNESS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    DriftResultStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(DriftResult r) {
        jdbc.sql("""
                        insert into monitoring.drift_windows (window_id, portfolio, model_version, trigger,
                            first_received_at, last_received_at, evaluated_at, reference_rows, current_rows,
                            tested_features, drifted_features, drift_share, drift_share_threshold, dataset_drift,
                            score_psi, score_psi_band, psi_table, fairness, performance, retrain_requested,
                            retrain_decision)
                        values (:windowId, :portfolio, :modelVersion, :trigger, :first, :last, :evaluatedAt,
                            :referenceRows, :currentRows, :tested, :drifted, :share, :shareThreshold, :datasetDrift,
                            :psi, :band, cast(:psiTable as jsonb), cast(:fairness as jsonb),
                            cast(:performance as jsonb), :retrainRequested, :retrainDecision)""")
                .param("windowId", r.windowId())
                .param("portfolio", r.portfolio())
                .param("modelVersion", r.modelVersion())
                .param("trigger", r.trigger().name())
                .param("first", Timestamp.from(r.firstReceivedAt()))
                .param("last", Timestamp.from(r.lastReceivedAt()))
                .param("evaluatedAt", Timestamp.from(r.evaluatedAt()))
                .param("referenceRows", r.referenceRows())
                .param("currentRows", r.currentRows())
                .param("tested", r.features().size())
                .param("drifted", r.driftedFeatures())
                .param("share", r.driftShare())
                .param("shareThreshold", r.driftShareThreshold())
                .param("datasetDrift", r.datasetDrift())
                .param("psi", r.scorePsi())
                .param("band", r.scorePsiBand())
                .param("psiTable", json(r.psiTable()))
                .param("fairness", json(r.fairness()))
                .param("performance", r.performance() == null ? null : json(r.performance()))
                .param("retrainRequested", r.retrainRequested())
                .param("retrainDecision", r.retrainDecision())
                .update();
        int position = 0;
        for (DriftResult.FeatureResult f : r.features()) {
            jdbc.sql("""
                            insert into monitoring.drift_feature_results (window_id, position, feature, kind, test,
                                statistic, p_value, threshold, drifted, csi, reference_rows, current_rows, histogram)
                            values (:windowId, :position, :feature, :kind, :test, :statistic, :pValue, :threshold,
                                :drifted, :csi, :referenceRows, :currentRows, cast(:histogram as jsonb))""")
                    .param("windowId", r.windowId())
                    .param("position", position++)
                    .param("feature", f.name())
                    .param("kind", f.kind())
                    .param("test", f.test())
                    .param("statistic", f.statistic() == null ? Double.POSITIVE_INFINITY : f.statistic())
                    .param("pValue", f.pValue())
                    .param("threshold", f.threshold())
                    .param("drifted", f.drifted())
                    .param("csi", f.csi())
                    .param("referenceRows", f.referenceRows())
                    .param("currentRows", f.currentRows())
                    .param("histogram", json(f.histogram()))
                    .update();
        }
    }

    void updateRetrain(long windowId, boolean requested, String decision) {
        jdbc.sql("""
                        update monitoring.drift_windows set retrain_requested = retrain_requested or :requested,
                            retrain_decision = :decision where window_id = :windowId""")
                .param("requested", requested)
                .param("decision", decision)
                .param("windowId", windowId)
                .update();
    }

    void updatePerformance(long windowId, WindowPerformance performance) {
        jdbc.sql("update monitoring.drift_windows set performance = cast(:performance as jsonb) where window_id = :id")
                .param("performance", json(performance))
                .param("id", windowId)
                .update();
    }

    Optional<DriftResult> latest(String portfolio) {
        return jdbc.sql("""
                        select window_id from monitoring.drift_windows where portfolio = :portfolio
                        order by window_id desc limit 1""")
                .param("portfolio", portfolio)
                .query(Long.class)
                .optional()
                .flatMap(this::find);
    }

    /**
     * The portfolio's windows holding events received between {@code from} and {@code to} (each bound optional),
     * newest first: a window is listed when its receipt range overlaps the period.
     */
    List<DriftWindowSummary> windows(String portfolio, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        select window_id, portfolio, model_version, trigger, first_received_at, last_received_at,
                            evaluated_at, reference_rows, current_rows, dataset_drift, drift_share,
                            drift_share_threshold, drifted_features, score_psi, score_psi_band,
                            performance::text as performance, retrain_requested, retrain_decision
                        from monitoring.drift_windows
                        where portfolio = :portfolio
                            and (cast(:from as timestamptz) is null or last_received_at >= :from)
                            and (cast(:to as timestamptz) is null or first_received_at <= :to)
                        order by window_id desc
                        limit :limit""")
                .param("portfolio", portfolio)
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("limit", limit)
                .query((rs, n) -> summary(rs))
                .list();
    }

    /** One feature's result in each of the portfolio's windows that tested it, newest first. */
    List<FeatureHistoryPoint> featureHistory(String portfolio, String feature, int limit) {
        return jdbc.sql("""
                        select w.window_id, w.model_version, w.evaluated_at, f.test, f.statistic, f.p_value,
                            f.threshold, f.drifted, f.csi, f.current_rows
                        from monitoring.drift_windows w
                        join monitoring.drift_feature_results f on f.window_id = w.window_id
                        where w.portfolio = :portfolio and f.feature = :feature
                        order by w.window_id desc
                        limit :limit""")
                .param("portfolio", portfolio)
                .param("feature", feature)
                .param("limit", limit)
                .query((rs, n) -> {
                    double statistic = rs.getDouble("statistic");
                    double pValue = rs.getDouble("p_value");
                    boolean pValueMissing = rs.wasNull();
                    return new FeatureHistoryPoint(
                            rs.getLong("window_id"),
                            rs.getInt("model_version"),
                            rs.getTimestamp("evaluated_at").toInstant(),
                            rs.getString("test"),
                            Double.isFinite(statistic) ? statistic : null,
                            pValueMissing ? null : pValue,
                            rs.getDouble("threshold"),
                            rs.getBoolean("drifted"),
                            rs.getDouble("csi"),
                            rs.getInt("current_rows"));
                })
                .list();
    }

    Optional<DriftResult> find(long windowId) {
        List<DriftResult.FeatureResult> features = jdbc.sql("""
                        select feature, kind, test, statistic, p_value, threshold, drifted, csi, reference_rows,
                            current_rows, histogram::text as histogram
                        from monitoring.drift_feature_results where window_id = :id order by position""")
                .param("id", windowId)
                .query((rs, n) -> feature(rs))
                .list();
        return jdbc.sql("""
                        select window_id, portfolio, model_version, trigger, first_received_at, last_received_at,
                            evaluated_at, reference_rows, current_rows, dataset_drift, drift_share,
                            drift_share_threshold, drifted_features, score_psi, score_psi_band,
                            psi_table::text as psi_table, fairness::text as fairness,
                            performance::text as performance, retrain_requested, retrain_decision
                        from monitoring.drift_windows where window_id = :id""")
                .param("id", windowId)
                .query((rs, n) -> window(rs, features))
                .optional();
    }

    private static DriftResult.FeatureResult feature(ResultSet rs) throws SQLException {
        double statistic = rs.getDouble("statistic");
        double pValue = rs.getDouble("p_value");
        boolean pValueMissing = rs.wasNull();
        return new DriftResult.FeatureResult(
                rs.getString("feature"),
                rs.getString("kind"),
                rs.getString("test"),
                Double.isFinite(statistic) ? statistic : null,
                pValueMissing ? null : pValue,
                rs.getDouble("threshold"),
                rs.getBoolean("drifted"),
                rs.getDouble("csi"),
                rs.getInt("reference_rows"),
                rs.getInt("current_rows"),
                CreditJson.json().readValue(rs.getString("histogram"), Histogram.class));
    }

    private static DriftWindowSummary summary(ResultSet rs) throws SQLException {
        String performance = rs.getString("performance");
        return new DriftWindowSummary(
                rs.getLong("window_id"),
                rs.getString("portfolio"),
                rs.getInt("model_version"),
                WindowTrigger.valueOf(rs.getString("trigger")),
                rs.getTimestamp("first_received_at").toInstant(),
                rs.getTimestamp("last_received_at").toInstant(),
                rs.getTimestamp("evaluated_at").toInstant(),
                rs.getInt("reference_rows"),
                rs.getInt("current_rows"),
                rs.getBoolean("dataset_drift"),
                rs.getDouble("drift_share"),
                rs.getDouble("drift_share_threshold"),
                rs.getInt("drifted_features"),
                rs.getDouble("score_psi"),
                rs.getString("score_psi_band"),
                performance == null ? null : CreditJson.json().readValue(performance, WindowPerformance.class),
                rs.getBoolean("retrain_requested"),
                rs.getString("retrain_decision"));
    }

    private static DriftResult window(ResultSet rs, List<DriftResult.FeatureResult> features) throws SQLException {
        String performance = rs.getString("performance");
        return new DriftResult(
                rs.getLong("window_id"),
                rs.getString("portfolio"),
                rs.getInt("model_version"),
                WindowTrigger.valueOf(rs.getString("trigger")),
                rs.getTimestamp("first_received_at").toInstant(),
                rs.getTimestamp("last_received_at").toInstant(),
                rs.getTimestamp("evaluated_at").toInstant(),
                rs.getInt("reference_rows"),
                rs.getInt("current_rows"),
                rs.getBoolean("dataset_drift"),
                rs.getDouble("drift_share"),
                rs.getDouble("drift_share_threshold"),
                rs.getInt("drifted_features"),
                features,
                rs.getDouble("score_psi"),
                rs.getString("score_psi_band"),
                CreditJson.json().readValue(rs.getString("psi_table"), PSI_TABLE),
                CreditJson.json().readValue(rs.getString("fairness"), FAIRNESS),
                performance == null ? null : CreditJson.json().readValue(performance, WindowPerformance.class),
                rs.getBoolean("retrain_requested"),
                rs.getString("retrain_decision"));
    }

    private static String json(Object value) {
        return CreditJson.json().writeValueAsString(value);
    }
}
