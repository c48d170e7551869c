package io.creditscoring.scoring.validation;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import java.math.BigDecimal;
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
 * <p>Rules: every feature must be declared by the schema; a model input that is not nullable must be present
 * and not null; a numeric feature must be a finite JSON number within its min and max (NaN and Infinity, as
 * literals or strings, are refused); a categorical feature must be a string or an integer naming one of its
 * categories (compared without regard to case or surrounding blanks). Features that are not model inputs, such
 * as protected attributes, are optional but checked when given. Every fault is reported, none stops the check.
 */
public final class FeatureValidator {

    private final String portfolio;
    private final Map<String, FeatureSpec> features = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> categories = new HashMap<>();

    public FeatureValidator(PortfolioSchema schema) {
        this.portfolio = schema.portfolio();
        for (FeatureSpec f : schema.features()) {
            features.put(f.name(), f);
            if (f.isCategorical()) {
                Map<String, String> spellings = new HashMap<>();
                for (String c : f.categories()) {
                    spellings.put(c.trim().toLowerCase(Locale.ROOT), c);
                }
                categories.put(f.name(), spellings);
            }
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
            if (!features.containsKey(entry.getKey())) {
                errors.add(new SchemaViolation(
                        at + "." + entry.getKey(),
                        "unknown feature '" + entry.getKey() + "' for portfolio " + portfolio));
            }
        }
        for (FeatureSpec f : features.values()) {
            String field = at + "." + f.name();
            JsonNode value = node.get(f.name());
            if (value == null || value.isNull()) {
                if (!mayBeMissing(f)) {
                    errors.add(new SchemaViolation(field, "is required"));
                }
                values.put(f.name(), null);
            } else if (f.isNumeric()) {
                values.put(f.name(), numeric(f, value, field, errors));
            } else {
                values.put(f.name(), categorical(f, value, field, errors));
            }
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

    /** Whether a feature may be absent or null: not a model input, or one the schema lets be missing. */
    public static boolean mayBeMissing(FeatureSpec f) {
        return !f.feedsModel() || f.allowsMissing();
    }

    /** Whether a finite number is within the feature's declared range. */
    public static boolean inRange(FeatureSpec f, double v) {
        return (f.min() == null || v >= f.min()) && (f.max() == null || v <= f.max());
    }

    /** The schema's spelling of a category label, compared without regard to case or blanks; null if unknown. */
    public String spelling(FeatureSpec f, String label) {
        return categories.get(f.name()).get(label.trim().toLowerCase(Locale.ROOT));
    }

    private static Double numeric(FeatureSpec f, JsonNode value, String field, List<SchemaViolation> errors) {
        double v;
        if (value.isNumber()) {
            // Jackson refuses to narrow an integer beyond the double range; BigInteger gives Infinity, refused below
            v = value.isBigInteger() ? value.bigIntegerValue().doubleValue() : value.doubleValue();
        } else if (value.isString() && isNonFinite(value.stringValue())) {
            v = Double.NaN;
        } else {
            errors.add(new SchemaViolation(field, "must be a number, got " + kind(value)));
            return null;
        }
        if (!Double.isFinite(v)) {
            errors.add(new SchemaViolation(field, "must be a finite number, got " + describe(value)));
            return null;
        }
        if (!inRange(f, v)) {
            errors.add(new SchemaViolation(
                    field,
                    "is " + plain(v) + ", outside the allowed range [" + bound(f.min()) + ", " + bound(f.max()) + "]"));
            return null;
        }
        return v;
    }

    private String categorical(FeatureSpec f, JsonNode value, String field, List<SchemaViolation> errors) {
        String label;
        if (value.isString()) {
            label = value.stringValue();
        } else if (value.isIntegralNumber()) {
            label = value.bigIntegerValue().toString();
        } else if (value.isNumber()
                && Double.isFinite(value.doubleValue())
                && value.doubleValue() == Math.rint(value.doubleValue())) {
            label = plain(value.doubleValue());
        } else {
            errors.add(new SchemaViolation(field, "must be a category (a string), got " + kind(value)));
            return null;
        }
        String spelling = spelling(f, label);
        if (spelling == null) {
            errors.add(new SchemaViolation(field, "'" + label + "' is not one of " + f.categories()));
        }
        return spelling;
    }

    private static boolean isNonFinite(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("nan")
                || t.equals("infinity")
                || t.equals("+infinity")
                || t.equals("-infinity")
                || t.equals("inf")
                || t.equals("-inf");
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
        return b == null ? "unbounded" : plain(b);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
