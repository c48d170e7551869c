package io.creditscoring.scoring.score;

import tools.jackson.databind.JsonNode;

/**
 * One application to score, as read from a request, before validation.
 *
 * @param applicationId the caller's id, or null
 * @param features the features object as sent
 * @param includeReasons whether reasons are wanted even for an APPROVE
 * @param field where the features object sits in the request, for error fields
 */
public record ApplicationInput(String applicationId, JsonNode features, boolean includeReasons, String field) {}
