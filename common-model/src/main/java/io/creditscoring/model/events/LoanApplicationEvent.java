package io.creditscoring.model.events;

import java.time.Instant;
import java.util.Map;

/**
 * A loan application on {@code credit.applications}, keyed by application id. Feature values are raw: numbers,
 * strings or null, checked and cleaned by ingestion against the portfolio schema.
 */
public record LoanApplicationEvent(
        String applicationId, String portfolio, Instant submittedAt, Map<String, Object> features) {}
