package io.creditscoring.model.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scoring decision on {@code credit.scoring-events} (the decision log), keyed by application id or, when
 * the caller gave none, the request id.
 *
 * <p>When the portfolio has a challenger, the scoring API publishes the decision twice under the same event id and
 * key: first without {@code shadow} (the record the answer waits for in durable mode), then, once the challenger
 * has scored the application off the response path, the same event with {@code shadow} filled in. A consumer keyed
 * on the event id keeps the first and takes the shadow from the second, whichever arrives first; to a consumer
 * that does not know the field the second record is a replay. Without a challenger there is one record and no
 * {@code shadow} field.
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
 * @param shadow the challenger's result for the same application, or null (no challenger, or not scored yet)
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
        Instant scoredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) ShadowScore shadow) {

    /** A decision without a challenger's result. */
    public ScoringEvent(
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
            Instant scoredAt) {
        this(
                eventId,
                applicationId,
                portfolio,
                modelVersion,
                algorithm,
                features,
                probabilityOfDefault,
                score,
                decision,
                reasons,
                latencyMicros,
                scoredAt,
                null);
    }

    /** The same decision with the challenger's result for it. */
    public ScoringEvent withShadow(ShadowScore shadow) {
        return new ScoringEvent(
                eventId,
                applicationId,
                portfolio,
                modelVersion,
                algorithm,
                features,
                probabilityOfDefault,
                score,
                decision,
                reasons,
                latencyMicros,
                scoredAt,
                shadow);
    }
}
