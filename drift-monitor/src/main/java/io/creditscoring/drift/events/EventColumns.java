package io.creditscoring.drift.events;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.ShadowScore;
import java.sql.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Scoring events turned into one array per column, for an {@code insert ... select from unnest(...)}: one statement
 * and one round trip for a whole batch, whatever its size, and always the same statement text for the driver to
 * prepare once. JSON columns travel as text and are cast in SQL.
 */
final class EventColumns {

    private final String[] eventIds;
    private final String[] portfolios;
    private final Integer[] modelVersions;
    private final String[] algorithms;
    private final String[] applicationIds;
    private final String[] features;
    private final Double[] probabilities;
    private final Integer[] scores;
    private final String[] decisions;
    private final String[] reasons;
    private final Timestamp[] scoredAts;
    private final Integer[] shadowVersions;
    private final Double[] shadowProbabilities;
    private final Integer[] shadowScores;
    private final String[] shadowDecisions;
    private final Long[] windowIds;
    private int rows;

    EventColumns(int capacity) {
        eventIds = new String[capacity];
        portfolios = new String[capacity];
        modelVersions = new Integer[capacity];
        algorithms = new String[capacity];
        applicationIds = new String[capacity];
        features = new String[capacity];
        probabilities = new Double[capacity];
        scores = new Integer[capacity];
        decisions = new String[capacity];
        reasons = new String[capacity];
        scoredAts = new Timestamp[capacity];
        shadowVersions = new Integer[capacity];
        shadowProbabilities = new Double[capacity];
        shadowScores = new Integer[capacity];
        shadowDecisions = new String[capacity];
        windowIds = new Long[capacity];
    }

    void add(ScoringEvent event, long windowId) {
        int i = rows++;
        windowIds[i] = windowId;
        eventIds[i] = event.eventId();
        portfolios[i] = event.portfolio();
        modelVersions[i] = event.modelVersion();
        algorithms[i] = event.algorithm() == null ? null : event.algorithm().name();
        applicationIds[i] = event.applicationId();
        features[i] = CreditJson.json().writeValueAsString(event.features());
        probabilities[i] = event.probabilityOfDefault();
        scores[i] = event.score();
        decisions[i] = event.decision().name();
        reasons[i] = event.reasons() == null ? null : CreditJson.json().writeValueAsString(event.reasons());
        scoredAts[i] = Timestamp.from(event.scoredAt());
        ShadowScore shadow = event.shadow();
        shadowVersions[i] = shadow == null ? null : shadow.modelVersion();
        shadowProbabilities[i] = shadow == null ? null : shadow.probabilityOfDefault();
        shadowScores[i] = shadow == null ? null : shadow.score();
        shadowDecisions[i] = shadow == null ? null : shadow.decision().name();
    }

    /** The arrays as typed SQL arrays, named as the insert statement uses them. */
    SqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("eventIds", new SqlArrayValue("text", eventIds))
                .addValue("portfolios", new SqlArrayValue("text", portfolios))
                .addValue("modelVersions", new SqlArrayValue("int4", modelVersions))
                .addValue("algorithms", new SqlArrayValue("text", algorithms))
                .addValue("applicationIds", new SqlArrayValue("text", applicationIds))
                .addValue("features", new SqlArrayValue("text", features))
                .addValue("probabilities", new SqlArrayValue("float8", probabilities))
                .addValue("scores", new SqlArrayValue("int4", scores))
                .addValue("decisions", new SqlArrayValue("text", decisions))
                .addValue("reasons", new SqlArrayValue("text", reasons))
                .addValue("scoredAts", new SqlArrayValue("timestamptz", scoredAts))
                .addValue("shadowVersions", new SqlArrayValue("int4", shadowVersions))
                .addValue("shadowProbabilities", new SqlArrayValue("float8", shadowProbabilities))
                .addValue("shadowScores", new SqlArrayValue("int4", shadowScores))
                .addValue("shadowDecisions", new SqlArrayValue("text", shadowDecisions))
                .addValue("windowIds", new SqlArrayValue("int8", windowIds));
    }
}
