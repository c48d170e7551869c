package io.creditscoring.drift.events;

import io.creditscoring.drift.reference.ModelReferences;
import io.creditscoring.drift.window.OpenWindows;
import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.ShadowScore;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores scoring events (the decision log) and outcomes in the monitoring schema. Both inserts ignore a record
 * already stored, so a replayed record changes nothing; the one exception is a scoring event's shadow score, added
 * to the stored event by the first record that carries it. Scoring events arrive by the thousand per second and are
 * stored a batch per statement (columns passed as arrays and unnested), each in the drift window it joins, outcomes
 * one by one.
 */
@Service
public class DecisionLog {

    private final JdbcClient jdbc;
    private final ModelReferences references;
    private final OpenWindows openWindows;

    DecisionLog(JdbcClient jdbc, ModelReferences references, OpenWindows openWindows) {
        this.jdbc = jdbc;
        this.references = references;
        this.openWindows = openWindows;
    }

    /**
     * Checks a scoring event before it is stored: complete, a probability within [0, 1], a model version the monitor
     * has a reference for.
     *
     * @throws RejectedEventException when the event cannot be used
     */
    public void check(ScoringEvent event) {
        validate(event);
        if (!references.hasReference(event.portfolio(), event.modelVersion())) {
            throw RejectedEventException.unknownModelVersion(event.portfolio(), event.modelVersion());
        }
    }

    /**
     * Stores checked scoring events (a batch of the listener's) and answers how many changed the log. A new event is
     * inserted in the drift window it joins ({@link OpenWindows}), all in one statement. A record of an event already
     * stored changes nothing, except that the first one carrying {@code shadow} (the challenger's result, which the
     * scoring API publishes as a second record of the same event) adds it; whichever of the two arrives first is
     * stored whole. Records of one event within the batch are merged first, since one statement may not change a row
     * twice.
     */
    @Transactional
    public int record(List<ScoringEvent> events) {
        Map<String, ScoringEvent> byId = new LinkedHashMap<>();
        for (ScoringEvent event : events) {
            byId.merge(
                    event.eventId(),
                    event,
                    (first, later) -> first.shadow() == null && later.shadow() != null
                            ? first.withShadow(later.shadow())
                            : first);
        }
        if (byId.isEmpty()) {
            return 0;
        }
        Set<String> stored = stored(byId.keySet());
        List<ScoringEvent> shadowsOfStored = new ArrayList<>();
        // the new events by portfolio and model version, joined to their windows in that order (OpenWindows.join)
        Map<WindowKey, List<ScoringEvent>> fresh = new TreeMap<>(WindowKey.ORDER);
        for (ScoringEvent event : byId.values()) {
            if (!stored.contains(event.eventId())) {
                fresh.computeIfAbsent(new WindowKey(event.portfolio(), event.modelVersion()), k -> new ArrayList<>())
                        .add(event);
            } else if (event.shadow() != null) {
                shadowsOfStored.add(event);
            }
        }
        return insert(fresh) + addShadows(shadowsOfStored);
    }

    /** The ids among these of events already stored. */
    private Set<String> stored(Collection<String> eventIds) {
        return new HashSet<>(jdbc.sql("select event_id from monitoring.scoring_events where event_id = any(:ids)")
                .param("ids", new SqlArrayValue("text", eventIds.toArray()))
                .query(String.class)
                .list());
    }

    private int insert(Map<WindowKey, List<ScoringEvent>> fresh) {
        int count = fresh.values().stream().mapToInt(List::size).sum();
        if (count == 0) {
            return 0;
        }
        EventColumns columns = new EventColumns(count);
        fresh.forEach((key, list) -> {
            long[] windows = openWindows.join(key.portfolio(), key.modelVersion(), list.size());
            for (int i = 0; i < list.size(); i++) {
                columns.add(list.get(i), windows[i]);
            }
        });
        // a concurrent consumer may have stored one of these since (a replay after a rebalance): the insert then
        // leaves its row, apart from a shadow score it lacks, as for a stored event
        return jdbc.sql("""
                        insert into monitoring.scoring_events (event_id, portfolio, model_version, algorithm,
                            application_id, features, probability_of_default, score, decision, reasons, scored_at,
                            shadow_model_version, shadow_probability_of_default, shadow_score, shadow_decision,
                            window_id)
                        select event_id, portfolio, model_version, algorithm, application_id, cast(features as jsonb),
                            probability_of_default, score, decision, cast(reasons as jsonb), scored_at,
                            shadow_model_version, shadow_probability_of_default, shadow_score, shadow_decision,
                            window_id
                        from unnest(:eventIds, :portfolios, :modelVersions, :algorithms, :applicationIds, :features,
                            :probabilities, :scores, :decisions, :reasons, :scoredAts, :shadowVersions,
                            :shadowProbabilities, :shadowScores, :shadowDecisions, :windowIds)
                            as e (event_id, portfolio, model_version, algorithm, application_id, features,
                                probability_of_default, score, decision, reasons, scored_at, shadow_model_version,
                                shadow_probability_of_default, shadow_score, shadow_decision, window_id)
                        on conflict (event_id) do update set
                            shadow_model_version = excluded.shadow_model_version,
                            shadow_probability_of_default = excluded.shadow_probability_of_default,
                            shadow_score = excluded.shadow_score,
                            shadow_decision = excluded.shadow_decision
                        where scoring_events.shadow_model_version is null
                            and excluded.shadow_model_version is not null""").paramSource(columns.parameters()).update();
    }

    /** Adds the challenger's result to stored events that have none yet, in one statement. */
    private int addShadows(List<ScoringEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        String[] eventIds = new String[n];
        Integer[] versions = new Integer[n];
        Double[] probabilities = new Double[n];
        Integer[] scores = new Integer[n];
        String[] decisions = new String[n];
        for (int i = 0; i < n; i++) {
            ShadowScore shadow = events.get(i).shadow();
            eventIds[i] = events.get(i).eventId();
            versions[i] = shadow.modelVersion();
            probabilities[i] = shadow.probabilityOfDefault();
            scores[i] = shadow.score();
            decisions[i] = shadow.decision().name();
        }
        return jdbc.sql("""
                        update monitoring.scoring_events e set shadow_model_version = s.version,
                            shadow_probability_of_default = s.probability, shadow_score = s.score,
                            shadow_decision = s.decision
                        from unnest(:eventIds, :versions, :probabilities, :scores, :decisions)
                            as s (event_id, version, probability, score, decision)
                        where e.event_id = s.event_id and e.shadow_model_version is null""")
                .param("eventIds", new SqlArrayValue("text", (Object[]) eventIds))
                .param("versions", new SqlArrayValue("int4", (Object[]) versions))
                .param("probabilities", new SqlArrayValue("float8", (Object[]) probabilities))
                .param("scores", new SqlArrayValue("int4", (Object[]) scores))
                .param("decisions", new SqlArrayValue("text", (Object[]) decisions))
                .update();
    }

    private record WindowKey(String portfolio, int modelVersion) {
        static final Comparator<WindowKey> ORDER =
                Comparator.comparing(WindowKey::portfolio).thenComparingInt(WindowKey::modelVersion);
    }

    /** Checks and stores one scoring event; answers whether it changed the log ({@link #record(List)}). */
    @Transactional
    public boolean record(ScoringEvent event) {
        check(event);
        return record(List.of(event)) == 1;
    }

    /**
     * Stores one outcome and queues the windows holding its application, if any, for a performance check, which waits
     * for a window's evaluation if it has not had one yet. The first outcome stored for an application of a portfolio
     * is kept; another portfolio's application of the same id keeps its own.
     */
    @Transactional
    public boolean record(LoanOutcomeEvent outcome) {
        if (outcome == null) {
            throw RejectedEventException.invalid("outcome", "empty record");
        }
        // the lenders' own topic: ids follow the platform's rule, as ingestion checks them on the same records
        requireIdentifier(IdentifierRule.APPLICATION_ID, outcome.applicationId(), "outcome", "applicationId");
        requireIdentifier(IdentifierRule.PORTFOLIO, outcome.portfolio(), "outcome", "portfolio");
        require(outcome.defaulted() != null, "outcome", "defaulted is missing");
        require(outcome.observedAt() != null, "outcome", "observedAt is missing");
        int inserted = jdbc.sql("""
                        insert into monitoring.outcomes (application_id, portfolio, defaulted, observed_at)
                        values (:applicationId, :portfolio, :defaulted, :observedAt)
                        on conflict (portfolio, application_id) do nothing""")
                .param("applicationId", outcome.applicationId())
                .param("portfolio", outcome.portfolio())
                .param("defaulted", outcome.defaulted())
                .param("observedAt", Timestamp.from(outcome.observedAt()))
                .update();
        if (inserted == 1) {
            jdbc.sql("""
                            insert into monitoring.performance_pending (window_id)
                            select distinct window_id from monitoring.scoring_events
                            where application_id = :applicationId and portfolio = :portfolio
                            on conflict do nothing""")
                    .param("applicationId", outcome.applicationId())
                    .param("portfolio", outcome.portfolio())
                    .update();
        }
        return inserted == 1;
    }

    private static void validate(ScoringEvent event) {
        if (event == null) {
            throw RejectedEventException.invalid("scoring event", "empty record");
        }
        require(event.eventId() != null && !event.eventId().isBlank(), "scoring event", "eventId is missing");
        requireIdentifier(IdentifierRule.PORTFOLIO, event.portfolio(), "scoring event", "portfolio");
        if (event.applicationId() != null) {
            requireIdentifier(IdentifierRule.APPLICATION_ID, event.applicationId(), "scoring event", "applicationId");
        }
        require(
                event.modelVersion() > 0,
                "scoring event",
                "modelVersion must be positive, got " + event.modelVersion());
        require(event.features() != null && !event.features().isEmpty(), "scoring event", "features are missing");
        double p = event.probabilityOfDefault();
        require(p >= 0 && p <= 1, "scoring event", "probabilityOfDefault must be within [0, 1], got " + p);
        require(event.decision() != null, "scoring event", "decision is missing");
        require(event.scoredAt() != null, "scoring event", "scoredAt is missing");
        ShadowScore shadow = event.shadow();
        if (shadow != null) {
            require(
                    shadow.modelVersion() > 0,
                    "scoring event",
                    "shadow.modelVersion must be positive, got " + shadow.modelVersion());
            double q = shadow.probabilityOfDefault();
            require(q >= 0 && q <= 1, "scoring event", "shadow.probabilityOfDefault must be within [0, 1], got " + q);
            require(shadow.decision() != null, "scoring event", "shadow.decision is missing");
        }
    }

    /** An id by {@link IdentifierRule}: PostgreSQL's text holds no NUL, and an id of any length would be stored. */
    private static void requireIdentifier(IdentifierRule rule, String value, String what, String field) {
        if (value == null || value.isBlank()) {
            throw RejectedEventException.invalid(what, field + " is missing");
        }
        rule.fault(value).ifPresent(fault -> {
            throw RejectedEventException.invalid(what, field + " " + fault);
        });
    }

    private static void require(boolean condition, String what, String reason) {
        if (!condition) {
            throw RejectedEventException.invalid(what, reason);
        }
    }
}
