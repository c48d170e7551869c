package io.creditscoring.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who made a request: the id of the API key that authenticated it and the key's roles. Controllers take it as
 * an {@code @AuthenticationPrincipal} argument; it is the only source of identities written to histories and
 * the audit log.
 *
 * @param keyId the key's id, never the key itself
 * @param roles the roles the key holds
 * @param expiresAt when the key stops working, or null when it does not expire
 */
public record ApiKeyPrincipal(String keyId, Set<Role> roles, Instant expiresAt) {

    public ApiKeyPrincipal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
