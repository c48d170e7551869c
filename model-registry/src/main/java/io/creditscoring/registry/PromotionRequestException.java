package io.creditscoring.registry;

import java.util.UUID;

/** A promotion request that cannot be acted on as asked; {@link #reason()} says why. */
public class PromotionRequestException extends RuntimeException {

    /** Why a request cannot be acted on. */
    public enum Reason {
        NOT_FOUND,
        ALREADY_DECIDED,
        /** the approver is the requester: four eyes means two keys */
        SELF_APPROVAL
    }

    private final Reason reason;

    private PromotionRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static PromotionRequestException notFound(UUID requestId) {
        return new PromotionRequestException(Reason.NOT_FOUND, "no promotion request " + requestId);
    }

    static PromotionRequestException alreadyDecided(PromotionRequest request) {
        return new PromotionRequestException(
                Reason.ALREADY_DECIDED,
                "promotion request " + request.requestId() + " was already " + request.status() + " by "
                        + request.decidedBy());
    }

    static PromotionRequestException selfApproval(PromotionRequest request) {
        return new PromotionRequestException(
                Reason.SELF_APPROVAL,
                "promotion request " + request.requestId() + " was made by '" + request.requestedBy()
                        + "'; another key must approve it");
    }
}
