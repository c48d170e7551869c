package io.creditscoring.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Checks an {@link ApiKeyAuthenticationRequest} against the {@link ApiKeyStore}. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyStore keys;

    ApiKeyAuthenticationProvider(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthenticationRequest) authentication).key();
        return keys.authenticate(key)
                .map(ApiKeyAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("unknown, revoked or expired API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationRequest.class.isAssignableFrom(authentication);
    }
}
