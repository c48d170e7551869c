package io.creditscoring.ingestion.validation;

import io.creditscoring.model.portfolio.SchemaViolation;

/**
 * One feature value that breaks the portfolio schema.
 *
 * @param feature the feature name as given in the payload
 * @param rule the rule it broke
 * @param message what is wrong, with the offending value
 */
public record FeatureViolation(String feature, ViolationRule rule, String message) {

    /** The field in payload terms, for example {@code features.AGE}. */
    public String field() {
        return "features." + feature;
    }

    public SchemaViolation toSchemaViolation() {
        return new SchemaViolation(field(), message);
    }
}
