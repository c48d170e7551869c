package io.creditscoring.scoring.score;

import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One application to score, as read from a request.
 *
 * @param applicationId the caller's id, or null
 * @param features the features object as sent, or null when the application was read already checked
 * @param includeReasons whether reasons are wanted even for an APPROVE
 * @param field where the features object sits in the request, for error fields
 * @param checkedBy the validator that already checked and normalised the features in one pass, or null
 * @param checkedFeatures those normalised features, or null
 */
public record ApplicationInput(
        String applicationId,
        JsonNode features,
        boolean includeReasons,
        String field,
        FeatureValidator checkedBy,
        Map<String, Object> checkedFeatures) {

    /** An application whose features are still to be validated. */
    public ApplicationInput(String applicationId, JsonNode features, boolean includeReasons, String field) {
        this(applicationId, features, includeReasons, field, null, null);
    }

    /**
     * The application of a request's JSON object: its {@code applicationId}, {@code features} and
     * {@code includeReasons}.
     *
     * @param prefix where the object sits in the request, for error fields ({@code ""} for a single request)
     * @param allReasons whether the request asks reasons for every application
     */
    static ApplicationInput of(JsonNode node, String prefix, boolean allReasons) {
        JsonNode id = node.get("applicationId");
        String applicationId = id == null || id.isNull() ? null : id.isValueNode() ? id.asString() : id.toString();
        return new ApplicationInput(
                applicationId, node.get("features"), allReasons || reasonsAsked(node), prefix + "features");
    }

    /** Whether the object's {@code includeReasons} holds true. */
    static boolean reasonsAsked(JsonNode node) {
        JsonNode flag = node.get("includeReasons");
        return flag != null && flag.asBoolean(false);
    }

    /** An application read by the one-pass reader, its features valid for the validator's schema. */
    static ApplicationInput checked(
            String applicationId, boolean includeReasons, FeatureValidator validator, Map<String, Object> features) {
        return new ApplicationInput(applicationId, null, includeReasons, "features", validator, features);
    }

    /**
     * The normalised features for a model's validator, validating them unless that validator already did; an
     * applicationId that breaks the platform's {@link IdentifierRule} is a fault too (both reading paths end here).
     * The id stays optional: absent or empty is not checked.
     */
    Map<String, Object> validate(FeatureValidator validator, List<SchemaViolation> errors) {
        if (applicationId != null && !applicationId.isEmpty()) {
            IdentifierRule.APPLICATION_ID
                    .fault(applicationId)
                    .ifPresent(fault -> errors.add(new SchemaViolation(idField(), fault)));
        }
        return checkedBy == validator ? checkedFeatures : validator.validate(features, field, errors);
    }

    /** Where the applicationId sits in the request: beside the features object, or in the features' row. */
    private String idField() {
        return field.endsWith("features")
                ? field.substring(0, field.length() - "features".length()) + "applicationId"
                : field + ".applicationId";
    }
}
