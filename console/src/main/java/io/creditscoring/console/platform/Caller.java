package io.creditscoring.console.platform;

import java.util.Set;

/** What a service said about a key ({@code GET /v1/me}): its id and roles. */
public record Caller(String keyId, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }
}
