package io.creditscoring.web;

import io.creditscoring.model.portfolio.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into RFC 9457 problem details (application/problem+json): Spring MVC's own exceptions,
 * {@link ApiProblemException}s, bean-validation failures with an {@code errors} array of {field, message}, and
 * anything unexpected as a 500 that names a log reference but never echoes the internal message.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<SchemaViolation> errors = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(f -> errors.add(new SchemaViolation(f.getField(), f.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(new SchemaViolation(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.badRequest()
                .body(ApiProblemException.validation("The request has invalid fields.", errors)
                        .getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<SchemaViolation> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(e -> errors.add(new SchemaViolation(
                                r.getMethodParameter().getParameterName(), e.getDefaultMessage()))));
        return ResponseEntity.badRequest()
                .body(ApiProblemException.validation("The request has invalid parameters.", errors)
                        .getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is missing or is not well-formed JSON.");
        body.setType(ProblemTypes.MALFORMED_REQUEST);
        body.setTitle("Malformed request");
        return ResponseEntity.badRequest().body(body);
    }

    /** Anything unexpected: logged with a reference the client can quote, never echoed. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        String reference = UUID.randomUUID().toString();
        log.error("Unhandled error, reference {}", reference, ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred. Reference: " + reference);
        body.setType(ProblemTypes.INTERNAL);
        body.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(body);
    }
}
