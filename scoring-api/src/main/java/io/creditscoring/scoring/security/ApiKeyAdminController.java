package io.creditscoring.scoring.security;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.security.ApiKeyIds;
import io.creditscoring.security.ApiKeyPrincipal;
import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys of the whole platform (they are shared by the four services): create with roles and an optional
 * expiry, list, rotate, revoke. ADMIN keys only (the platform's rule for {@code /v1/admin/**}).
 */
@RestController
@RequestMapping("/v1/admin/api-keys")
@Tag(name = "Administration", description = "API keys and model reloads; ADMIN keys only")
class ApiKeyAdminController {

    private final ApiKeyStore keys;

    ApiKeyAdminController(ApiKeyStore keys) {
        this.keys = keys;
    }

    /**
     * @param keyId a name for the key (generated when absent): letters, digits, '.', '_' and '-'
     * @param roles one or more of SCORER, READER, INGESTER, TRAINER, APPROVER, ADMIN
     * @param expiresAt when the key stops working (optional)
     */
    record NewKey(String keyId, Set<Role> roles, Instant expiresAt) {}

    /** The answer to a creation or rotation: the key is shown here once. */
    record IssuedKey(String keyId, Set<Role> roles, Instant expiresAt, String apiKey) {

        static IssuedKey of(ApiKeyStore.CreatedKey created) {
            return new IssuedKey(
                    created.key().keyId(), created.key().roles(), created.key().expiresAt(), created.apiKey());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited("api-key.create")
    @Operation(summary = "Create an API key; the key is shown in this answer only")
    IssuedKey create(
            @RequestBody NewKey request, @AuthenticationPrincipal ApiKeyPrincipal caller, HttpServletRequest http) {
        List<SchemaViolation> errors = new ArrayList<>();
        if (request == null || request.roles() == null || request.roles().isEmpty()) {
            errors.add(new SchemaViolation("roles", "at least one of " + List.of(Role.values())));
        }
        String keyId =
                request == null || request.keyId() == null || request.keyId().isBlank()
                        ? "key-" + UUID.randomUUID()
                        : request.keyId().strip();
        if (!ApiKeyIds.isValid(keyId)) {
            errors.add(new SchemaViolation("keyId", "letters, digits, '.', '_' and '-', at most 64"));
        }
        if (request != null
                && request.expiresAt() != null
                && !request.expiresAt().isAfter(Instant.now())) {
            errors.add(new SchemaViolation("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation("The key cannot be created as asked.", errors);
        }
        try {
            ApiKeyStore.CreatedKey created = keys.create(keyId, request.roles(), request.expiresAt(), caller.keyId());
            http.setAttribute(
                    AuditLog.DETAIL_ATTRIBUTE,
                    "key " + keyId + " with roles " + created.key().roles());
            return IssuedKey.of(created);
        } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict(
                    "an API key with id '" + keyId + "' exists already (ids are never reused)");
        }
    }

    @GetMapping
    @Operation(summary = "Every API key with its roles and state; never the keys themselves")
    List<ApiKeyStore.ApiKeyView> list() {
        return keys.list();
    }

    @PostMapping("/{keyId}/rotate")
    @Audited("api-key.rotate")
    @Operation(summary = "Give a key a new secret (shown once); the old one stops working on every service")
    IssuedKey rotate(@PathVariable String keyId, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        return keys.rotate(keyId, caller.keyId())
                .map(IssuedKey::of)
                .orElseThrow(() -> ApiProblemException.notFound("no active API key with id '" + keyId + "'"));
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited("api-key.revoke")
    @Operation(summary = "Revoke an API key on every service (within the revocation check interval, 1 s by default)")
    void revoke(@PathVariable String keyId, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        if (!keys.revoke(keyId, caller.keyId())) {
            throw ApiProblemException.notFound("no active API key with id '" + keyId + "'");
        }
    }
}
