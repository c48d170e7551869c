package io.creditscoring.scoring.validation;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.pipeline.contract.CheckedValue;
import io.creditscoring.pipeline.contract.FeatureContract;
import io.creditscoring.pipeline.contract.FeatureRule;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a scoring request's features against the schema snapshot the model was trained on, and normalises
 * them for the model: numbers become {@link Double}, categories the schema's spelling, absent values null.
 *
 * <p>The rules are the platform's feature contract read strictly for scoring ({@link FeatureContract},
 * {@link Strictness#SCORE}), shared with ingestion: every feature must be declared by the schema; a model input
 * that is not nullable must be present and not missing (null, blank, or {@code NA}, {@code N/A}, {@code null}); a
 * numeric feature must be a finite JSON number within its min and max (NaN and Infinity, as literals or strings,
 * are refused, and so is a number written as a string); a categorical feature must be a string or a number naming
 * one of its categories (compared without regard to case or surrounding blanks, numeric labels by value). Features
 * that are not model inputs, such as protected attributes, are optional but checked when given. Every fault is
 * reported, none stops the check.
 */
public final class FeatureValidator {

    private final String portfolio;
    private final FeatureContract contract;
    private final Map<String, FeatureSpec> features = new LinkedHashMap<>();

    public FeatureValidator(PortfolioSchema schema) {
        this.portfolio = schema.portfolio();
        this.contract = FeatureContract.of(schema);
        for (FeatureSpec f : schema.features()) {
            features.putIfAbsent(f.name(), f);
        }
    }

    /**
     * Validates one application's features.
     *
     * @param node the {@code features} object of the request
     * @param at the path of that object in the request, for error fields (for example {@code features} or
     *     {@code applications[2].features})
     * @param errors where faults are added
     * @return the normalised features (meaningful only when no fault was added)
     */
    public Map<String, Object> validate(JsonNode node, String at, List<SchemaViolation> errors) {
        Map<String, Object> values = new HashMap<>(features.size() * 2);
        if (node == null || node.isMissingNode() || node.isNull()) {
            errors.add(new SchemaViolation(at, "is required: an object of feature values"));
            return values;
        }
        if (!node.isObject()) {
            errors.add(new SchemaViolation(at, "must be an object of feature values"));
            return values;
        }
        for (var entry : node.properties()) {
            if (contract.rule(entry.getKey()) == null) {
                errors.add(new SchemaViolation(
                        at + "." + entry.getKey(),
                        "unknown feature '" + entry.getKey() + "' for portfolio " + portfolio));
            }
        }
        for (FeatureRule rule : contract.rules()) {
            JsonNode value = node.get(rule.name());
            CheckedValue checked = rule.check(javaValue(value), Strictness.SCORE);
            if (!checked.isValid()) {
                errors.add(new SchemaViolation(at + "." + rule.name(), message(rule.spec(), checked, value)));
            }
            values.put(rule.name(), checked.value());
        }
        return values;
    }

    /** The schema's declaration of a feature, or null when the schema has no such feature. */
    public FeatureSpec feature(String name) {
        return features.get(name);
    }

    /** Every feature of the schema, in schema order. */
    public Collection<FeatureSpec> features() {
        return features.values();
    }

    /** The feature contract's rule of a declared feature, or null when the schema has no such feature. */
    public FeatureRule rule(String name) {
        return contract.rule(name);
    }

    /** The feature contract's rule of every feature, in schema order. */
    public List<FeatureRule> rules() {
        return contract.rules();
    }

    /** A JSON value as the feature contract reads it: a number, text, a boolean, null, or an object or list. */
    private static Object javaValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isArray() ? List.of() : Map.of();
    }

    private static String message(FeatureSpec f, CheckedValue checked, JsonNode value) {
        return switch (checked.fault()) {
            case MISSING -> "is required";
            case INVALID_TEXT -> checked.shown();
            case WRONG_TYPE ->
                (f.isNumeric() ? "must be a number, got " : "must be a category (a string), got ") + kind(value);
            case NOT_FINITE -> "must be a finite number, got " + describe(value);
            case OUT_OF_RANGE ->
                "is " + checked.shown() + ", outside the allowed range [" + bound(f.min()) + ", " + bound(f.max())
                        + "]";
            case UNKNOWN_CATEGORY -> "'" + checked.shown() + "' is not one of " + f.categories();
        };
    }

    private static String describe(JsonNode value) {
        return value.isString() ? "'" + value.stringValue() + "'" : value.toString();
    }

    private static String kind(JsonNode value) {
        if (value.isString()) {
            return "the string '" + value.stringValue() + "'";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isNumber()
                ? "the number " + value
                : value.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String bound(Double b) {
        return b == null ? "unbounded" : RawValues.numberLabel(b);
    }
}
