package io.creditscoring.training.dataset;

import java.time.Instant;
import java.util.Map;

/**
 * One application with its outcome, as read for training.
 *
 * @param applicationId the application id
 * @param submittedAt when the application was submitted, or null
 * @param features the cleaned feature values: {@link Double} for numbers, {@link String} for categories, absent
 *     when missing
 * @param defaulted whether the application defaulted
 */
public record LabelledRow(String applicationId, Instant submittedAt, Map<String, Object> features, boolean defaulted) {}
