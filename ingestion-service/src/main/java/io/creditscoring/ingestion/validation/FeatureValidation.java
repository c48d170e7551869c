package io.creditscoring.ingestion.validation;

import io.creditscoring.model.portfolio.SchemaViolation;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one application's features: the cleaned values (in schema order, {@code null} for a
 * missing nullable feature) when valid, else every violation found.
 *
 * @param cleaned numbers as {@link Long} (integral values) or {@link Double}, categories in the schema's
 *     spelling; empty when there are violations
 * @param violations every fault found, empty when valid
 */
public record FeatureValidation(Map<String, Object> cleaned, List<FeatureViolation> violations) {

    public FeatureValidation {
        violations = List.copyOf(violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    public List<SchemaViolation> schemaViolations() {
        return violations.stream().map(FeatureViolation::toSchemaViolation).toList();
    }
}
