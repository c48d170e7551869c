package io.creditscoring.model.portfolio;

/**
 * One fault found in a portfolio schema or a payload: which field, and what is wrong with it.
 *
 * @param field the offending field, in dotted form such as {@code features[3].categories}
 * @param message what is wrong, with the offending value
 */
public record SchemaViolation(String field, String message) {}
