package io.creditscoring.scoring.security;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN keys create and revoke API keys. */
@RestController
@RequestMapping("/v1/admin/api-keys")
@Tag(name = "Administration", description = "API keys and model reloads; ADMIN keys only")
@SecurityRequirement(name = "apiKey")
class ApiKeyAdminController {

    private final ApiKeyStore keys;

    ApiKeyAdminController(ApiKeyStore keys) {
        this.keys = keys;
    }

    /** @param keyId a name for the key (generated when absent) @param role SCORER or ADMIN */
    record NewKey(String keyId, Role role) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API key; the key is shown in this answer only")
    ApiKeyStore.CreatedKey create(@RequestBody NewKey request) {
        if (request == null || request.role() == null) {
            throw ApiProblemException.validation(
                    "The key needs a role.", List.of(new SchemaViolation("role", "is required: SCORER or ADMIN")));
        }
        String keyId = request.keyId() == null || request.keyId().isBlank()
                ? "key-" + UUID.randomUUID()
                : request.keyId().trim();
        try {
            return keys.create(request.role(), keyId);
        } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict("an API key with id '" + keyId + "' exists already");
        }
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API key")
    void revoke(@PathVariable String keyId) {
        if (!keys.revoke(keyId)) {
            throw ApiProblemException.notFound("no active API key with id '" + keyId + "'");
        }
    }
}
