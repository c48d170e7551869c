package io.creditscoring.console.signin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user and key of the request being handled. */
public final class SignedInKey {

    private SignedInKey() {}

    /** The API key of the signed-in session; a request without one never reaches a page (the filter chain). */
    public static String current() {
        return authentication().getCredentials();
    }

    public static ConsoleUser user() {
        return authentication().getPrincipal();
    }

    private static ConsoleAuthentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ConsoleAuthentication signedIn) {
            return signedIn;
        }
        throw new IllegalStateException("no signed-in console session");
    }
}
