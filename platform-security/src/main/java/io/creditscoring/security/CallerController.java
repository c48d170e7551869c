package io.creditscoring.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the calling key is: its id and roles, so that a client (the operator console) can offer what the key may do
 * without trying each call. Any valid key may ask about itself; the answer never holds the key.
 */
@RestController
@Tag(name = "Caller", description = "The calling API key's id and roles")
@SecurityRequirement(name = "apiKey")
class CallerController {

    /** @param expiresAt when the key stops working, or null when it does not expire */
    record Caller(String keyId, List<Role> roles, Instant expiresAt) {}

    @GetMapping("/v1/me")
    @Operation(summary = "The calling key's id, roles and expiry")
    Caller me(@AuthenticationPrincipal ApiKeyPrincipal caller) {
        return new Caller(caller.keyId(), caller.roles().stream().sorted().toList(), caller.expiresAt());
    }
}
