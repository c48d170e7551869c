package io.creditscoring.pipeline.contract;

import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.portfolio.FeatureSpec;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link FeatureContract} for one feature of a schema: whether it is required, its strict reading, and the
 * primitive checks a streaming reader uses without boxing. Immutable and thread-safe.
 */
public final class FeatureRule {

    private final FeatureSpec spec;
    /** The declared range as primitives (infinite when unbounded), so that checking a number unboxes nothing. */
    private final double min;

    private final double max;
    /** Category labels as the schema spells them (those holding no control character), to themselves. */
    private final Map<String, String> exact = new HashMap<>();

    private final Map<String, String> byLowerCase = new HashMap<>();
    private final Map<BigDecimal, String> byNumber = new HashMap<>();

    FeatureRule(FeatureSpec spec) {
        this.spec = spec;
        this.min = spec.min() == null ? Double.NEGATIVE_INFINITY : spec.min();
        this.max = spec.max() == null ? Double.POSITIVE_INFINITY : spec.max();
        List<String> categories = spec.isCategorical() ? spec.categories() : List.of();
        for (String label : categories) {
            if (IdentifierRule.textFault(label).isEmpty()) {
                exact.putIfAbsent(label, label);
            }
            byLowerCase.putIfAbsent(label.trim().toLowerCase(Locale.ROOT), label);
            BigDecimal number = numberOrNull(label.trim());
            if (number != null) {
                byNumber.putIfAbsent(number, label);
            }
        }
    }

    public FeatureSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public boolean isNumeric() {
        return spec.isNumeric();
    }

    /**
     * Whether a missing value is a fault: for {@link Strictness#STORE} every feature the schema does not let be
     * missing; for {@link Strictness#SCORE} only such features that feed the model; never for {@link Strictness#READ}.
     */
    public boolean required(Strictness strictness) {
        return switch (strictness) {
            case STORE -> !spec.allowsMissing();
            case SCORE -> spec.feedsModel() && !spec.allowsMissing();
            case READ -> false;
        };
    }

    /** Whether a number is finite and within the feature's declared range (bounds inclusive). */
    public boolean accepts(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    /**
     * The schema's spelling of a category label, or null when it names none: matched exactly, then (when it holds
     * no control character) trimmed and ignoring case, then for numeric labels by value ({@code "1.0"} and
     * {@code "01"} are {@code "1"}). Allocates nothing when the label is spelled as the schema spells it.
     */
    public String spelling(String label) {
        String spelled = exact.get(label);
        if (spelled != null
                || byLowerCase.isEmpty()
                || IdentifierRule.textFault(label).isPresent()) {
            return spelled;
        }
        return lookup(label.trim());
    }

    /** The schema's spelling of a category given as an integer ({@code 2} is {@code "2"}), or null. */
    public String spelling(long label) {
        String spelled = exact.get(Long.toString(label));
        return spelled != null || byNumber.isEmpty() ? spelled : byNumber.get(normalised(BigDecimal.valueOf(label)));
    }

    /**
     * Reads one raw value strictly (a {@link Strictness#READ} reading never refuses: it gives the value as
     * {@link RawValues#number} or {@link RawValues#label} reads it). Text is checked for control characters and lone
     * surrogates before it is trimmed; then missing (null, blank, one of the {@link RawValues#MISSING_WORDS}) is a
     * fault only where {@link #required the value is required}.
     *
     * <p>Numeric features take a number of any kind ({@link Number#doubleValue()}), or, for {@link Strictness#STORE}
     * only, a number written as text ({@link RawValues#parseNumber}); it must be finite and in range. Categorical
     * features take text naming a category (see {@link #spelling(String)}) or a finite number naming one by value;
     * booleans, objects and lists are refused everywhere.
     */
    public CheckedValue check(Object raw, Strictness strictness) {
        if (strictness == Strictness.READ) {
            if (spec.isNumeric()) {
                double value = RawValues.number(raw);
                return Double.isNaN(value) ? CheckedValue.ABSENT : CheckedValue.clean(value);
            }
            return CheckedValue.clean(RawValues.label(raw));
        }
        if (raw instanceof CharSequence text) {
            Optional<String> fault = IdentifierRule.textFault(text);
            if (fault.isPresent()) {
                return CheckedValue.refused(ValueFault.INVALID_TEXT, fault.get());
            }
        }
        CheckedValue read = spec.isNumeric() ? checkNumber(raw, strictness) : checkCategory(raw);
        return read.fault() == ValueFault.MISSING && !required(strictness) ? CheckedValue.ABSENT : read;
    }

    private CheckedValue checkNumber(Object raw, Strictness strictness) {
        double number;
        String shown;
        switch (raw) {
            case null -> {
                return CheckedValue.MISSING;
            }
            case Number n -> {
                number = n.doubleValue();
                shown = null;
            }
            case CharSequence text -> {
                String trimmed = text.toString().trim();
                if (trimmed.isEmpty() || RawValues.isMissingWord(trimmed)) {
                    return CheckedValue.MISSING;
                }
                if (RawValues.isNonFiniteWord(trimmed)) {
                    return CheckedValue.refused(ValueFault.NOT_FINITE, trimmed);
                }
                number = strictness == Strictness.STORE ? RawValues.parseNumber(trimmed) : Double.NaN;
                if (Double.isNaN(number)) {
                    return CheckedValue.refused(ValueFault.WRONG_TYPE, trimmed);
                }
                shown = trimmed;
            }
            default -> {
                return CheckedValue.refused(ValueFault.WRONG_TYPE, null);
            }
        }
        if (!Double.isFinite(number)) {
            return CheckedValue.refused(ValueFault.NOT_FINITE, shown != null ? shown : String.valueOf(raw));
        }
        if (!accepts(number)) {
            return CheckedValue.refused(ValueFault.OUT_OF_RANGE, RawValues.numberLabel(number));
        }
        double model = RawValues.modelNumber(number);
        return CheckedValue.clean(strictness == Strictness.STORE ? RawValues.storedNumber(model) : (Object) model);
    }

    private CheckedValue checkCategory(Object raw) {
        switch (raw) {
            case null -> {
                return CheckedValue.MISSING;
            }
            case CharSequence text -> {
                String trimmed = text.toString().trim();
                if (trimmed.isEmpty()) {
                    return CheckedValue.MISSING;
                }
                String spelled = lookup(trimmed);
                if (spelled != null) {
                    return CheckedValue.clean(spelled);
                }
                return RawValues.isMissingWord(trimmed)
                        ? CheckedValue.MISSING
                        : CheckedValue.refused(ValueFault.UNKNOWN_CATEGORY, trimmed);
            }
            case Number n -> {
                String label = RawValues.numberLabel(n);
                if (label == null) {
                    return CheckedValue.refused(ValueFault.WRONG_TYPE, String.valueOf(n));
                }
                String spelled = lookup(label);
                return spelled != null
                        ? CheckedValue.clean(spelled)
                        : CheckedValue.refused(ValueFault.UNKNOWN_CATEGORY, label);
            }
            default -> {
                return CheckedValue.refused(ValueFault.WRONG_TYPE, null);
            }
        }
    }

    /** A trimmed label in the schema's spelling: exactly, ignoring case, or by numeric value; null if none. */
    private String lookup(String trimmed) {
        String spelled = exact.get(trimmed);
        if (spelled == null) {
            spelled = byLowerCase.get(trimmed.toLowerCase(Locale.ROOT));
        }
        if (spelled == null && !byNumber.isEmpty()) {
            BigDecimal number = numberOrNull(trimmed);
            spelled = number == null ? null : byNumber.get(number);
        }
        return spelled;
    }

    /** A numeric label as a value (so that 1, 1.0 and 01 are equal), or null when the text is no plain number. */
    private static BigDecimal numberOrNull(String text) {
        if (Double.isNaN(RawValues.parseNumber(text))) {
            return null;
        }
        try {
            return normalised(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return null; // an exponent beyond BigDecimal's scale
        }
    }

    private static BigDecimal normalised(BigDecimal number) {
        return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
    }

    @Override
    public String toString() {
        return "FeatureRule[" + spec.name() + "]";
    }
}
