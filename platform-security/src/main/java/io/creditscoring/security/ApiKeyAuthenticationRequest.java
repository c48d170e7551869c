package io.creditscoring.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** The key a request presented, not yet checked. Never logged: its string form hides the key. */
final class ApiKeyAuthenticationRequest extends AbstractAuthenticationToken {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        super(List.of());
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return "api-key";
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
