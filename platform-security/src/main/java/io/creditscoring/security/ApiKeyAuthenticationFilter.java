package io.creditscoring.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the {@code X-API-Key} header. A valid key puts its {@link ApiKeyPrincipal} in the security
 * context; a missing or invalid key leaves the request anonymous, and authorization then answers 401 on every
 * path that needs a role (the reason is kept in a request attribute for that answer).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String INVALID_KEY_ATTRIBUTE = ApiKeyAuthenticationFilter.class.getName() + ".invalid";

    private final AuthenticationManager authentication;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(AuthenticationManager authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key != null && !key.isBlank()) {
            try {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication.authenticate(new ApiKeyAuthenticationRequest(key.strip())));
                contexts.setContext(context);
            } catch (AuthenticationException e) {
                request.setAttribute(INVALID_KEY_ATTRIBUTE, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
