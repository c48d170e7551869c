package io.creditscoring.web;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.SchemaViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes RFC 9457 problem details directly to a servlet response, for the refusals made in filters before Spring
 * MVC runs (authentication, authorization, the path firewall, body limits). Same fields as the MVC handler's.
 */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail)
            throws IOException {
        write(response, status, type, title, detail, List.of());
    }

    /** Problem details with an {@code errors} array of {field, message}, as validation failures carry. */
    public static void write(
            HttpServletResponse response,
            HttpStatus status,
            URI type,
            String title,
            String detail,
            List<SchemaViolation> errors)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(CreditJson.json().writeValueAsBytes(problem));
        response.flushBuffer();
    }
}
