package io.creditscoring.training.promotion;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.registry.GovernanceProperties;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.ModelVersionNotFoundException;
import io.creditscoring.registry.Promotion;
import io.creditscoring.registry.PromotionRequest;
import io.creditscoring.registry.PromotionRequestException;
import io.creditscoring.security.ApiKeyPrincipal;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Promotions of model versions. With four-eyes on ({@code governance.four-eyes}, the default) a champion is made
 * by a promotion request (TRAINER or APPROVER) approved by another key (APPROVER); the challenger alias, and the
 * champion when four-eyes is off (APPROVER), take one step. Who asked and who approved are always the
 * authenticated keys.
 */
@RestController
@Tag(name = "Promotions", description = "Champion and challenger aliases: four-eyes requests, approvals, history")
class PromotionController {

    private final ModelRegistry registry;
    private final GovernanceProperties governance;

    PromotionController(ModelRegistry registry, GovernanceProperties governance) {
        this.registry = registry;
        this.governance = governance;
    }

    /** @param reason why, recorded in the history (who asks is the caller's key, never a body field) */
    record PromoteRequest(
            @NotBlank String alias,
            @NotBlank @Size(max = 2000) String reason) {}

    /** @param comment the approver's or rejecter's note, recorded with the decision */
    record Decision(@Size(max = 2000) String comment) {}

    @PostMapping("/v1/portfolios/{portfolio}/models/{version}/promote")
    @Audited("model.promote")
    @Operation(summary = "Promote in one step: the challenger, or the champion when four-eyes is off (APPROVER)")
    PromotionResponse promote(
            @PathVariable String portfolio,
            @PathVariable int version,
            @Valid @RequestBody PromoteRequest request,
            @AuthenticationPrincipal ApiKeyPrincipal caller) {
        ModelAlias alias = alias(request.alias());
        if (alias == ModelAlias.CHAMPION && governance.fourEyes()) {
            throw ApiProblemException.forbidden("Champion promotions are four-eyes: file a promotion request (POST"
                    + " /v1/portfolios/" + portfolio + "/models/" + version + "/promotion-requests) for another"
                    + " APPROVER key to approve.");
        }
        if (alias == ModelAlias.CHAMPION && !caller.has(Role.APPROVER)) {
            throw ApiProblemException.forbidden("Promoting a champion needs an APPROVER key.");
        }
        try {
            return registry.promote(portfolio, version, alias, caller.keyId(), request.reason())
                    .map(p -> PromotionResponse.of(p, true))
                    .orElseGet(() -> PromotionResponse.unchanged(portfolio, version, alias));
        } catch (ModelVersionNotFoundException e) {
            throw notFound(portfolio, version);
        }
    }

    @PostMapping("/v1/portfolios/{portfolio}/models/{version}/promotion-requests")
    @Audited("promotion.request")
    @Operation(summary = "Ask for a promotion; another APPROVER key must approve it")
    ResponseEntity<PromotionRequest> request(
            @PathVariable String portfolio,
            @PathVariable int version,
            @Valid @RequestBody PromoteRequest request,
            @AuthenticationPrincipal ApiKeyPrincipal caller,
            HttpServletRequest http) {
        ModelAlias alias = alias(request.alias());
        try {
            PromotionRequest filed =
                    registry.requestPromotion(portfolio, version, alias, caller.keyId(), request.reason());
            http.setAttribute(AuditLog.DETAIL_ATTRIBUTE, "request " + filed.requestId());
            return ResponseEntity.created(URI.create("/v1/promotion-requests/" + filed.requestId()))
                    .body(filed);
        } catch (ModelVersionNotFoundException e) {
            throw notFound(portfolio, version);
        }
    }

    @PostMapping("/v1/promotion-requests/{requestId}/approve")
    @Audited("promotion.approve")
    @Operation(summary = "Approve a pending request (not by the key that made it); the promotion is done")
    PromotionRequest approve(
            @PathVariable UUID requestId,
            @Valid @RequestBody(required = false) Decision decision,
            @AuthenticationPrincipal ApiKeyPrincipal caller,
            HttpServletRequest http) {
        http.setAttribute(AuditLog.DETAIL_ATTRIBUTE, "request " + requestId);
        try {
            return registry.approve(requestId, caller.keyId(), decision == null ? null : decision.comment());
        } catch (PromotionRequestException e) {
            throw problem(e);
        }
    }

    @PostMapping("/v1/promotion-requests/{requestId}/reject")
    @Audited("promotion.reject")
    @Operation(summary = "Reject a pending request; nothing is promoted")
    PromotionRequest reject(
            @PathVariable UUID requestId,
            @Valid @RequestBody(required = false) Decision decision,
            @AuthenticationPrincipal ApiKeyPrincipal caller,
            HttpServletRequest http) {
        http.setAttribute(AuditLog.DETAIL_ATTRIBUTE, "request " + requestId);
        try {
            return registry.reject(requestId, caller.keyId(), decision == null ? null : decision.comment());
        } catch (PromotionRequestException e) {
            throw problem(e);
        }
    }

    @GetMapping("/v1/promotion-requests")
    @Operation(summary = "Promotion requests, newest first, optionally of one portfolio or in one state")
    List<PromotionRequest> requests(
            @RequestParam(required = false) String portfolio,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return registry.promotionRequests(portfolio, status(status), limit);
    }

    @GetMapping("/v1/promotion-requests/{requestId}")
    @Operation(summary = "One promotion request")
    PromotionRequest request(@PathVariable UUID requestId) {
        return registry.promotionRequest(requestId)
                .orElseThrow(() -> ApiProblemException.notFound("no promotion request " + requestId));
    }

    @GetMapping("/v1/portfolios/{portfolio}/promotions")
    @Operation(summary = "The portfolio's promotion history, oldest first, with who asked and who approved")
    List<Promotion> history(@PathVariable String portfolio) {
        return registry.promotions(portfolio);
    }

    private static ModelAlias alias(String name) {
        try {
            return ModelAlias.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.validation(
                    "The alias must be champion or challenger.",
                    List.of(new SchemaViolation("alias", "must be champion or challenger")));
        }
    }

    private static PromotionRequest.Status status(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return PromotionRequest.Status.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.validation(
                    "Unknown status.", List.of(new SchemaViolation("status", "must be PENDING, APPROVED or REJECTED")));
        }
    }

    private static ApiProblemException problem(PromotionRequestException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ApiProblemException.notFound(e.getMessage());
            case ALREADY_DECIDED -> ApiProblemException.conflict(e.getMessage());
            case SELF_APPROVAL -> ApiProblemException.forbidden(e.getMessage());
        };
    }

    private static ApiProblemException notFound(String portfolio, int version) {
        return ApiProblemException.notFound("portfolio '" + portfolio + "' has no model version " + version);
    }

    /** @param changed false when the alias already pointed at the version (nothing recorded, no event) */
    record PromotionResponse(
            String portfolio,
            int modelVersion,
            String alias,
            Integer fromVersion,
            String promotedBy,
            String reason,
            Instant promotedAt,
            boolean changed) {

        static PromotionResponse of(Promotion p, boolean changed) {
            return new PromotionResponse(
                    p.portfolio(),
                    p.toVersion(),
                    p.alias(),
                    p.fromVersion(),
                    p.promotedBy(),
                    p.reason(),
                    p.promotedAt(),
                    changed);
        }

        static PromotionResponse unchanged(String portfolio, int version, ModelAlias alias) {
            return new PromotionResponse(portfolio, version, alias.id(), version, null, null, null, false);
        }
    }
}
