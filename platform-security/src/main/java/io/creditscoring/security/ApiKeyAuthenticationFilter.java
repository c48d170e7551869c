package io.creditscoring.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Authenticates the {@code X-API-Key} header. A valid key puts its {@link ApiKeyPrincipal} in the security
 * context; a missing or invalid key makes the request anonymous, and authorization then answers 401 on every path
 * that needs a role (the reason is kept in a request attribute for that answer).
 *
 * <p>It also does the anonymous filter's work (which the chain leaves out), and is a plain filter rather than a
 * {@code OncePerRequestFilter}: Spring Security's chain calls it once per dispatch, and the scoring path is short
 * enough that each filter's bookkeeping shows in its throughput (docs/benchmarks.md, issue 12).
 */
final class ApiKeyAuthenticationFilter implements Filter {

    static final String HEADER = "X-API-Key";
    static final String INVALID_KEY_ATTRIBUTE = ApiKeyAuthenticationFilter.class.getName() + ".invalid";

    private static final List<GrantedAuthority> ANONYMOUS_AUTHORITIES =
            List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"));

    private final AuthenticationManager authentication;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(AuthenticationManager authentication) {
        this.authentication = authentication;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authenticate(request));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private Authentication authenticate(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return anonymous();
        }
        try {
            return authentication.authenticate(new ApiKeyAuthenticationRequest(key.strip()));
        } catch (AuthenticationException e) {
            request.setAttribute(INVALID_KEY_ATTRIBUTE, Boolean.TRUE);
            return anonymous();
        }
    }

    /** What the anonymous filter would have put in the context (a token is mutable, so one per request). */
    private static Authentication anonymous() {
        return new AnonymousAuthenticationToken("platform-anonymous", "anonymousUser", ANONYMOUS_AUTHORITIES);
    }
}
