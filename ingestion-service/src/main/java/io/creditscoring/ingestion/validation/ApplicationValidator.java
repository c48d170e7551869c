package io.creditscoring.ingestion.validation;

import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks and cleans an application's raw feature values against its portfolio schema. A pure function of the
 * schema and the values: no Spring, no Kafka, no I/O, so that every service applies the same rules.
 *
 * <p>Cleaning: numbers given as text are parsed (plain decimal or scientific notation), text is trimmed, and
 * category labels are matched ignoring case (and, for numeric labels, by value: {@code 1.0} is {@code "1"}) and
 * returned in the schema's spelling. Integral numbers come back as {@link Long}, others as {@link Double}.
 *
 * <p>Rejected: text that holds a control character (NUL among them) or a lone surrogate, checked before trimming
 * ({@link IdentifierRule#textFault}); a required feature that is absent, null or blank; a feature the schema does
 * not declare; a value of the wrong kind; NaN or infinity (as numbers or as text); a number outside
 * {@code [min, max]}; a label outside the categories. Every violation is reported, not only the first. Offending
 * values are quoted with {@link IdentifierRule#printable}: escaped and cut, never echoed whole.
 *
 * <p>An instance is immutable and thread-safe; build one per schema version and reuse it.
 */
public final class ApplicationValidator {

    private static final double LARGEST_EXACT_LONG = 9.007199254740992E15; // 2^53
    private static final Set<String> NON_FINITE_WORDS =
            Set.of("nan", "+nan", "-nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf");

    private final PortfolioSchema schema;
    private final Map<String, FeatureSpec> features;
    private final Map<String, CategoryLookup> categories;

    private ApplicationValidator(PortfolioSchema schema) {
        this.schema = schema;
        this.features = new HashMap<>();
        this.categories = new HashMap<>();
        for (FeatureSpec feature : schema.features()) {
            features.put(feature.name(), feature);
            if (feature.isCategorical()) {
                categories.put(feature.name(), new CategoryLookup(feature.categories()));
            }
        }
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
            if (!features.containsKey(name)) {
                violations.add(new FeatureViolation(
                        name,
                        ViolationRule.UNKNOWN_FEATURE,
                        "unknown feature " + IdentifierRule.printable(name) + " for portfolio " + schema.portfolio()));
            }
        }
        Map<String, Object> cleaned =
                LinkedHashMap.newLinkedHashMap(schema.features().size());
        for (FeatureSpec feature : schema.features()) {
            Object value = values.get(feature.name());
            if (value instanceof CharSequence text) {
                // before trimming, which would drop control characters at the ends without a word
                var fault = IdentifierRule.textFault(text);
                if (fault.isPresent()) {
                    violations.add(new FeatureViolation(feature.name(), ViolationRule.INVALID_TEXT, fault.get()));
                    continue;
                }
            }
            if (isMissing(value)) {
                if (feature.allowsMissing()) {
                    cleaned.put(feature.name(), null);
                } else {
                    violations.add(new FeatureViolation(
                            feature.name(), ViolationRule.MISSING_FEATURE, "is required but missing"));
                }
                continue;
            }
            Object clean = feature.isNumeric()
                    ? cleanNumber(feature, value, violations)
                    : cleanCategory(feature, value, violations);
            cleaned.put(feature.name(), clean);
        }
        return violations.isEmpty()
                ? new FeatureValidation(cleaned, List.of())
                : new FeatureValidation(Map.of(), violations);
    }

    private static boolean isMissing(Object value) {
        return value == null
                || (value instanceof CharSequence text && text.toString().isBlank());
    }

    private static Object cleanNumber(FeatureSpec feature, Object value, List<FeatureViolation> violations) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            if (NON_FINITE_WORDS.contains(trimmed.toLowerCase(Locale.ROOT))) {
                violations.add(notFinite(feature, trimmed));
                return null;
            }
            try {
                number = new BigDecimal(trimmed).doubleValue();
            } catch (NumberFormatException e) {
                violations.add(new FeatureViolation(
                        feature.name(),
                        ViolationRule.WRONG_TYPE,
                        "expects a number but got " + IdentifierRule.printable(trimmed)));
                return null;
            }
        } else {
            violations.add(wrongType(feature, "a number", value));
            return null;
        }
        if (!Double.isFinite(number)) {
            violations.add(notFinite(feature, String.valueOf(value)));
            return null;
        }
        if ((feature.min() != null && number < feature.min()) || (feature.max() != null && number > feature.max())) {
            violations.add(new FeatureViolation(
                    feature.name(),
                    ViolationRule.OUT_OF_RANGE,
                    "value " + plain(number) + " is outside [" + bound(feature.min()) + ", " + bound(feature.max())
                            + "]"));
            return null;
        }
        return asCleanNumber(number);
    }

    private Object cleanCategory(FeatureSpec feature, Object value, List<FeatureViolation> violations) {
        String label;
        if (value instanceof CharSequence text) {
            label = text.toString().trim();
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            label = plain(n.doubleValue());
        } else {
            violations.add(wrongType(feature, "a category label", value));
            return null;
        }
        String spelled = categories.get(feature.name()).find(label);
        if (spelled == null) {
            violations.add(new FeatureViolation(
                    feature.name(),
                    ViolationRule.UNKNOWN_CATEGORY,
                    "unknown category " + IdentifierRule.printable(label) + ", expected one of "
                            + feature.categories()));
        }
        return spelled;
    }

    /** Integral values in the exactly representable range as Long, the rest as Double. */
    private static Object asCleanNumber(double number) {
        if (number == Math.rint(number) && Math.abs(number) < LARGEST_EXACT_LONG) {
            return (long) number;
        }
        return number;
    }

    private static String plain(double number) {
        Object clean = asCleanNumber(number);
        return clean instanceof Long l
                ? Long.toString(l)
                : BigDecimal.valueOf(number).toPlainString();
    }

    private static String bound(Double bound) {
        return bound == null ? "unbounded" : plain(bound);
    }

    private static FeatureViolation notFinite(FeatureSpec feature, String value) {
        return new FeatureViolation(
                feature.name(),
                ViolationRule.NOT_FINITE,
                "expects a finite number but got " + IdentifierRule.printable(value));
    }

    private static FeatureViolation wrongType(FeatureSpec feature, String expected, Object value) {
        String kind = value instanceof Boolean
                ? "a boolean"
                : value instanceof Map<?, ?>
                        ? "an object"
                        : value instanceof Collection<?>
                                ? "a list"
                                : value.getClass().getSimpleName();
        return new FeatureViolation(
                feature.name(), ViolationRule.WRONG_TYPE, "expects " + expected + " but got " + kind);
    }

    /** Finds a label in the schema's spelling: exactly, ignoring case, or for numeric labels by value. */
    private static final class CategoryLookup {

        private final Set<String> exact;
        private final Map<String, String> byLowerCase = new HashMap<>();
        private final Map<BigDecimal, String> byNumber = new HashMap<>();

        CategoryLookup(List<String> labels) {
            this.exact = Set.copyOf(labels);
            for (String label : labels) {
                byLowerCase.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
                BigDecimal number = parseOrNull(label);
                if (number != null) {
                    byNumber.putIfAbsent(number, label);
                }
            }
        }

        String find(String label) {
            if (exact.contains(label)) {
                return label;
            }
            String spelled = byLowerCase.get(label.toLowerCase(Locale.ROOT));
            if (spelled != null || byNumber.isEmpty()) {
                return spelled;
            }
            BigDecimal number = parseOrNull(label);
            return number == null ? null : byNumber.get(number);
        }

        private static BigDecimal parseOrNull(String label) {
            try {
                return new BigDecimal(label.trim()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
