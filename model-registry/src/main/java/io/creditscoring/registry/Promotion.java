package io.creditscoring.registry;

import java.time.Instant;

/**
 * One alias change in the promotion history.
 *
 * @param fromVersion the version that held the alias before, or null
 */
public record Promotion(
        long promotionId,
        String portfolio,
        String alias,
        Integer fromVersion,
        int toVersion,
        String promotedBy,
        String reason,
        Instant promotedAt) {}
