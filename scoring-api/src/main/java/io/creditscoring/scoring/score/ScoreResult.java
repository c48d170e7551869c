package io.creditscoring.scoring.score;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ReasonCode;
import java.time.Instant;
import java.util.List;

/**
 * The answer for one application.
 *
 * @param applicationId the caller's application id (null when none was given)
 * @param portfolio the portfolio scored
 * @param modelVersion the registry version of the model that scored the whole request
 * @param algorithm that model's family
 * @param probabilityOfDefault the model's probability of default
 * @param score score points by the portfolio's PDO scaling
 * @param decision APPROVE, REFER or DECLINE by the portfolio's cut-offs
 * @param reasons up to four features that raised the risk most, with their contribution to the log-odds; given
 *     for REFER and DECLINE, and for APPROVE when asked
 * @param scoredAt when the request was scored
 */
public record ScoreResult(
        String applicationId,
        String portfolio,
        int modelVersion,
        Algorithm algorithm,
        double probabilityOfDefault,
        int score,
        Decision decision,
        List<ReasonCode> reasons,
        Instant scoredAt) {}
