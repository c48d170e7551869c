package io.creditscoring.drift.decisions;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ReasonCode;
import io.creditscoring.model.events.ShadowScore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Reads an application's decisions from the decision log (index {@code scoring_events_by_application}). */
@Repository
class DecisionHistory {

    private static final TypeReference<List<ReasonCode>> REASONS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() {};

    private final JdbcClient jdbc;

    DecisionHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The application's logged decisions, newest first, at most {@code limit}. */
    List<LoggedDecision> of(String portfolio, String applicationId, int limit) {
        return jdbc.sql("""
                        select event_id, portfolio, application_id, model_version, algorithm, probability_of_default,
                            score, decision, reasons::text as reasons, features::text as features, scored_at,
                            received_at, shadow_model_version, shadow_probability_of_default, shadow_score,
                            shadow_decision
                        from monitoring.scoring_events
                        where portfolio = :portfolio and application_id = :applicationId
                        order by scored_at desc, received_at desc, event_id
                        limit :limit""")
                .param("portfolio", portfolio)
                .param("applicationId", applicationId)
                .param("limit", limit)
                .query((rs, n) -> decision(rs))
                .list();
    }

    private static LoggedDecision decision(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reasons");
        return new LoggedDecision(
                rs.getString("event_id"),
                rs.getString("portfolio"),
                rs.getString("application_id"),
                rs.getInt("model_version"),
                rs.getString("algorithm"),
                rs.getDouble("probability_of_default"),
                rs.getInt("score"),
                Decision.valueOf(rs.getString("decision")),
                reasons == null ? null : CreditJson.json().readValue(reasons, REASONS),
                CreditJson.json().readValue(rs.getString("features"), FEATURES),
                rs.getTimestamp("scored_at").toInstant(),
                rs.getTimestamp("received_at").toInstant(),
                shadow(rs));
    }

    private static ShadowScore shadow(ResultSet rs) throws SQLException {
        int version = rs.getInt("shadow_model_version");
        if (rs.wasNull()) {
            return null;
        }
        return new ShadowScore(
                version,
                rs.getDouble("shadow_probability_of_default"),
                rs.getInt("shadow_score"),
                Decision.valueOf(rs.getString("shadow_decision")));
    }
}
