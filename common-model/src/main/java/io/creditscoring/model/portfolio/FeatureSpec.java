package io.creditscoring.model.portfolio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One feature of a portfolio: its type, what values are allowed, and how it is used.
 *
 * @param name the feature name, as used in Kafka payloads, scoring requests and CSV headers
 * @param type numeric or categorical
 * @param min smallest allowed value of a numeric feature, inclusive (no bound when absent)
 * @param max largest allowed value of a numeric feature, inclusive (no bound when absent)
 * @param categories allowed labels of a categorical feature, in the schema's spelling
 * @param nullable whether the value may be missing
 * @param protectedAttribute a protected attribute (sex, age, marital status): stored and monitored for fairness,
 *     but kept out of model inputs unless {@code modelInput} is true
 * @param modelInput overrides whether the feature feeds the model (absent: every unprotected feature does)
 * @param monotone how risk moves with a numeric feature, when known
 * @param reason the consumer-facing text used when this feature is a reason for a decision
 * @param justification why a protected feature feeds the model, or why its protection changed: required for those
 *     governed exceptions (see {@link SchemaGovernance}), recorded with the schema and in the audit log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSpec(
        String name,
        FeatureType type,
        Double min,
        Double max,
        List<String> categories,
        Boolean nullable,
        @JsonProperty("protected") Boolean protectedAttribute,
        Boolean modelInput,
        Monotonicity monotone,
        String reason,
        String justification) {

    public FeatureSpec {
        categories = categories == null ? null : List.copyOf(categories);
    }

    public static FeatureSpec numeric(String name, Double min, Double max, String reason) {
        return new FeatureSpec(name, FeatureType.NUMERIC, min, max, null, null, null, null, null, reason, null);
    }

    public static FeatureSpec categorical(String name, List<String> categories, String reason) {
        return new FeatureSpec(
                name, FeatureType.CATEGORICAL, null, null, categories, null, null, null, null, reason, null);
    }

    /** Whether the value may be missing. */
    public boolean allowsMissing() {
        return Boolean.TRUE.equals(nullable);
    }

    @JsonIgnore
    public boolean isProtectedFeature() {
        return Boolean.TRUE.equals(protectedAttribute);
    }

    /** Whether the feature feeds the model: unprotected features do, protected ones only when asked. */
    public boolean feedsModel() {
        return modelInput != null ? modelInput : !isProtectedFeature();
    }

    @JsonIgnore
    public boolean isNumeric() {
        return type == FeatureType.NUMERIC;
    }

    @JsonIgnore
    public boolean isCategorical() {
        return type == FeatureType.CATEGORICAL;
    }

    /** Whether this is a protected attribute that feeds the model: a governed exception. */
    @JsonIgnore
    public boolean isProtectedInput() {
        return isProtectedFeature() && feedsModel();
    }

    @JsonIgnore
    public boolean isJustified() {
        return justification != null && !justification.isBlank();
    }

    /** The text shown to an applicant when this feature is a reason; the name when the schema gives none. */
    public String reasonText() {
        return reason == null || reason.isBlank() ? name : reason;
    }
}
