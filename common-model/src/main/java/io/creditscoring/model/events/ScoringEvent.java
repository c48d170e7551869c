package io.creditscoring.model.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scoring decision on {@code credit.scoring-events} (the decision log), keyed by application id or, when
 * the caller gave none, the request id.
 *
 * @param eventId unique id of this scoring call, for idempotent consumers
 * @param applicationId the caller's application id, or null
 * @param portfolio the portfolio scored
 * @param modelVersion the registry version of the model that scored the request
 * @param algorithm that model's algorithm
 * @param features the request's feature values as received
 * @param probabilityOfDefault the model's probability of default
 * @param score score points by PDO scaling
 * @param decision the decision
 * @param reasons the reasons given for the decision, most important first
 * @param latencyMicros time spent scoring, in microseconds
 * @param scoredAt when the decision was made
 */
public record ScoringEvent(
        String eventId,
        String applicationId,
        String portfolio,
        int modelVersion,
        Algorithm algorithm,
        Map<String, Object> features,
        double probabilityOfDefault,
        int score,
        Decision decision,
        List<ReasonCode> reasons,
        long latencyMicros,
        Instant scoredAt) {}
