package io.creditscoring.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A four-eyes promotion: asked for by one API key, approved (and then done) or rejected by another.
 *
 * @param requestedBy the key id that asked, or {@code system:<component>} for the training policy
 * @param decidedBy the key id that approved or rejected, null while pending
 */
public record PromotionRequest(
        UUID requestId,
        String portfolio,
        int modelVersion,
        String alias,
        String requestedBy,
        String reason,
        Status status,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String comment) {

    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }
}
