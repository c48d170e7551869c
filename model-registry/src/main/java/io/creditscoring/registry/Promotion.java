package io.creditscoring.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * One alias change in the promotion history.
 *
 * @param fromVersion the version that held the alias before, or null
 * @param promotedBy who made the change: the approver of a four-eyes request, else who asked
 * @param requestId the promotion request this change approved, or null for a one-step promotion
 * @param requestedBy who asked for it in that request, or null
 */
public record Promotion(
        long promotionId,
        String portfolio,
        String alias,
        Integer fromVersion,
        int toVersion,
        String promotedBy,
        String reason,
        Instant promotedAt,
        UUID requestId,
        String requestedBy) {}
