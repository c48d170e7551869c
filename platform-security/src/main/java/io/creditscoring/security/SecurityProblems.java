package io.creditscoring.security;

import io.creditscoring.web.ProblemResponses;
import io.creditscoring.web.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Every refusal of the security layer as problem details: 401, 403, and 400 for paths the firewall refuses. */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final DeniedAccessAudit deniedAudit;

    SecurityProblems(DeniedAccessAudit deniedAudit) {
        this.deniedAudit = deniedAudit;
    }

    /** No key, or a key that is unknown, revoked or expired. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail = request.getAttribute(ApiKeyAuthenticationFilter.INVALID_KEY_ATTRIBUTE) != null
                ? "The API key is not valid: unknown, revoked or expired."
                : "The " + ApiKeyAuthenticationFilter.HEADER + " header is required.";
        response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail);
    }

    /** A valid key without a role the path needs (or a path no rule opens). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        deniedAudit.record(request);
        ProblemResponses.write(
                response,
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "This API key's roles do not allow " + request.getMethod() + " on this path.");
    }

    /** A path spelled so that routing and authorization could read it differently. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemResponses.write(
                response,
                HttpStatus.BAD_REQUEST,
                ProblemTypes.REQUEST_REJECTED,
                "Request rejected",
                e.getMessage() + " Send the path in its plain form.");
    }
}
