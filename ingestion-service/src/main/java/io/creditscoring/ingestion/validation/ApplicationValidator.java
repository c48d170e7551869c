package io.creditscoring.ingestion.validation;

import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.contract.CheckedValue;
import io.creditscoring.pipeline.contract.FeatureContract;
import io.creditscoring.pipeline.contract.FeatureRule;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and cleans an application's raw feature values against its portfolio schema, with the platform's feature
 * contract read strictly for storage ({@link FeatureContract}, {@link Strictness#STORE}): the rules for missing
 * values, numbers, categories, ranges and text are the contract's, shared with scoring, training and drift. A pure
 * function of the schema and the values: no Spring, no Kafka, no I/O.
 *
 * <p>Cleaning: numbers given as text are parsed (plain decimal or scientific notation), text is trimmed, and
 * category labels are matched ignoring case (and, for numeric labels, by value: {@code 1.0} is {@code "1"}) and
 * returned in the schema's spelling. Integral numbers come back as {@link Long}, others as {@link Double}. Blank
 * text and the words {@code NA}, {@code N/A} and {@code null} are missing, unless the schema declares such a
 * category.
 *
 * <p>Rejected: text that holds a control character (NUL among them) or a lone surrogate, checked before trimming
 * ({@link IdentifierRule#textFault}); a required feature that is absent or missing; a feature the schema does
 * not declare; a value of the wrong kind; NaN or infinity (as numbers or as text); a number outside
 * {@code [min, max]}; a label outside the categories. Every violation is reported, not only the first. Offending
 * values are quoted with {@link IdentifierRule#printable}: escaped and cut, never echoed whole.
 *
 * <p>An instance is immutable and thread-safe; build one per schema version and reuse it.
 */
public final class ApplicationValidator {

    private final PortfolioSchema schema;
    private final FeatureContract contract;

    private ApplicationValidator(PortfolioSchema schema) {
        this.schema = schema;
        this.contract = FeatureContract.of(schema);
    }

    public static ApplicationValidator forSchema(PortfolioSchema schema) {
        return new ApplicationValidator(schema);
    }

    public PortfolioSchema schema() {
        return schema;
    }

    /**
     * Checks raw feature values (numbers, text, booleans, nulls, or anything else a payload held).
     *
     * @param raw feature name to raw value; {@code null} is read as no features at all
     */
    public FeatureValidation validate(Map<String, ?> raw) {
        Map<String, ?> values = raw == null ? Map.of() : raw;
        List<FeatureViolation> violations = new ArrayList<>(0);
        for (String name : values.keySet()) {
            if (contract.rule(name) == null) {
                violations.add(new FeatureViolation(
                        name,
                        ViolationRule.UNKNOWN_FEATURE,
                        "unknown feature " + IdentifierRule.printable(name) + " for portfolio " + schema.portfolio()));
            }
        }
        Map<String, Object> cleaned =
                LinkedHashMap.newLinkedHashMap(contract.rules().size());
        for (FeatureRule rule : contract.rules()) {
            Object value = values.get(rule.name());
            CheckedValue checked = rule.check(value, Strictness.STORE);
            if (checked.isValid()) {
                cleaned.put(rule.name(), checked.value());
            } else {
                violations.add(violation(rule.spec(), checked, value));
            }
        }
        return violations.isEmpty()
                ? new FeatureValidation(cleaned, List.of())
                : new FeatureValidation(Map.of(), violations);
    }

    private static FeatureViolation violation(FeatureSpec feature, CheckedValue checked, Object value) {
        String shown = checked.shown();
        return switch (checked.fault()) {
            case INVALID_TEXT -> new FeatureViolation(feature.name(), ViolationRule.INVALID_TEXT, shown);
            case MISSING ->
                new FeatureViolation(feature.name(), ViolationRule.MISSING_FEATURE, "is required but missing");
            case WRONG_TYPE ->
                new FeatureViolation(
                        feature.name(),
                        ViolationRule.WRONG_TYPE,
                        "expects " + (feature.isNumeric() ? "a number" : "a category label") + " but got "
                                + (value instanceof CharSequence ? IdentifierRule.printable(shown) : kind(value)));
            case NOT_FINITE ->
                new FeatureViolation(
                        feature.name(),
                        ViolationRule.NOT_FINITE,
                        "expects a finite number but got " + IdentifierRule.printable(shown));
            case OUT_OF_RANGE ->
                new FeatureViolation(
                        feature.name(),
                        ViolationRule.OUT_OF_RANGE,
                        "value " + shown + " is outside [" + bound(feature.min()) + ", " + bound(feature.max()) + "]");
            case UNKNOWN_CATEGORY ->
                new FeatureViolation(
                        feature.name(),
                        ViolationRule.UNKNOWN_CATEGORY,
                        "unknown category " + IdentifierRule.printable(shown) + ", expected one of "
                                + feature.categories());
        };
    }

    private static String bound(Double bound) {
        return bound == null ? "unbounded" : RawValues.numberLabel(bound);
    }

    private static String kind(Object value) {
        return value instanceof Boolean
                ? "a boolean"
                : value instanceof Map<?, ?>
                        ? "an object"
                        : value instanceof Collection<?>
                                ? "a list"
                                : value.getClass().getSimpleName();
    }
}
