package io.creditscoring.drift.decisions;

import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ReasonCode;
import io.creditscoring.model.events.ShadowScore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One decision from the decision log, as served by {@code GET /v1/portfolios/{portfolio}/decisions/{applicationId}}:
 * what a dispute over an adverse action needs to see.
 *
 * @param eventId the scoring call's event id
 * @param portfolio the portfolio scored
 * @param applicationId the caller's application id
 * @param modelVersion the registry version of the model that decided
 * @param algorithm that model's algorithm (null for events logged before the monitor stored it)
 * @param probabilityOfDefault the model's probability of default
 * @param score score points
 * @param decision APPROVE, REFER or DECLINE
 * @param reasons the reasons given, most important first (null for events logged before the monitor stored them)
 * @param features the request's feature values as the scoring API received them
 * @param scoredAt when the decision was made
 * @param receivedAt when the drift monitor logged it
 * @param shadow the portfolio's challenger's result for the same application (shadow scoring), null when it had none
 *     or it has not arrived; never part of the decision given
 */
public record LoggedDecision(
        String eventId,
        String portfolio,
        String applicationId,
        int modelVersion,
        String algorithm,
        double probabilityOfDefault,
        int score,
        Decision decision,
        List<ReasonCode> reasons,
        Map<String, Object> features,
        Instant scoredAt,
        Instant receivedAt,
        ShadowScore shadow) {}
