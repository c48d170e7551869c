package io.creditscoring.web;

import io.creditscoring.model.portfolio.SchemaViolation;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure a client can act on, rendered as RFC 9457 problem details by Spring MVC. Services build their
 * domain exceptions from the static factories here, for example
 * {@code ApiProblemException.notFound("unknown portfolio 'x'")}.
 */
public class ApiProblemException extends ErrorResponseException {

    protected ApiProblemException(HttpStatus status, URI type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail);
    }

    public static ApiProblemException conflict(String detail) {
        return new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
    }

    public static ApiProblemException unavailable(String detail) {
        return new ApiProblemException(
                HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Service unavailable", detail);
    }

    /** An authenticated caller whose key lacks what the operation needs. */
    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }

    /** A body over its limit; the {@code errors} member names the body, as a validation failure would. */
    public static ApiProblemException payloadTooLarge(String detail, SchemaViolation bodyError) {
        ApiProblemException e = new ApiProblemException(
                HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", detail);
        e.getBody().setProperty("errors", List.of(bodyError));
        return e;
    }

    public static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Bad request", detail);
    }

    /** A request whose fields break the rules; each fault is listed in the {@code errors} member. */
    public static ApiProblemException validation(String detail, List<SchemaViolation> errors) {
        ApiProblemException e =
                new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", detail);
        e.getBody().setProperty("errors", List.copyOf(errors));
        return e;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type);
        body.setTitle(title);
        return body;
    }
}
