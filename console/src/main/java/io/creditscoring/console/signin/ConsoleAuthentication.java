package io.creditscoring.console.signin;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in session: the user, and the API key the console sends on their behalf. It lives in the server-side
 * session only; the browser holds nothing but the session cookie.
 */
final class ConsoleAuthentication extends AbstractAuthenticationToken {

    private final ConsoleUser user;
    private final String apiKey;

    ConsoleAuthentication(ConsoleUser user, String apiKey) {
        super(user.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList());
        this.user = user;
        this.apiKey = apiKey;
        setAuthenticated(true);
    }

    @Override
    public ConsoleUser getPrincipal() {
        return user;
    }

    /** The key itself: never rendered, never logged (toString names the key id only). */
    @Override
    public String getCredentials() {
        return apiKey;
    }

    @Override
    public String getName() {
        return user.keyId();
    }

    @Override
    public String toString() {
        return "ConsoleAuthentication[" + user.keyId() + ", " + List.copyOf(user.roles()) + "]";
    }
}
