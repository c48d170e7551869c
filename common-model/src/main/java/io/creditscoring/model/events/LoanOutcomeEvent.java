package io.creditscoring.model.events;

import java.time.Instant;

/**
 * The observed outcome of an application on {@code credit.outcomes}, keyed by application id. It may arrive
 * before the application itself; the two are joined when training reads them.
 */
public record LoanOutcomeEvent(String applicationId, String portfolio, Boolean defaulted, Instant observedAt) {}
