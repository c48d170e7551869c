package io.creditscoring.scoring.security;

import io.creditscoring.model.CreditJson;
import io.creditscoring.web.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the {@code X-API-Key} header on every /v1 and /v2 call: 401 when it is missing or unknown, 403 when
 * a SCORER key calls an admin endpoint ({@code /v1/admin/**}). Answers in problem details like the rest of the
 * API. Actuator and the OpenAPI documents are outside its paths.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String ADMIN_PATHS = "/v1/admin/";

    private final ApiKeyStore keys;

    ApiKeyFilter(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            reject(response, HttpStatus.UNAUTHORIZED, "The " + HEADER + " header is required.");
            return;
        }
        Optional<Role> role = keys.roleOf(key.trim());
        if (role.isEmpty()) {
            reject(response, HttpStatus.UNAUTHORIZED, "The API key is not valid.");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(ADMIN_PATHS) && !role.get().mayAccessAdmin()) {
            reject(response, HttpStatus.FORBIDDEN, "This operation needs an ADMIN key.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put(
                "type",
                (status == HttpStatus.FORBIDDEN ? ProblemTypes.FORBIDDEN : ProblemTypes.UNAUTHORIZED).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
        }
        response.getOutputStream().write(CreditJson.json().writeValueAsBytes(problem));
    }
}
