package io.creditscoring.pipeline.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * The schema-free half of the {@link FeatureContract}: what text means missing, how text becomes a number, the
 * canonical text of a number used as a label, and the {@link Strictness#READ} reading of a value that was already
 * cleaned. Plain Java, stateless, allocation-free on the common paths (a JSON number or a stored label).
 */
public final class RawValues {

    /**
     * Text that means "no value", compared after trimming and ignoring case: {@code NA}, {@code N/A} and
     * {@code null}, as R, spreadsheets and careless serialisers write a missing value. Blank text is missing too. A
     * category the schema declares wins over these words: a portfolio whose categories include {@code NA} keeps it.
     */
    public static final Set<String> MISSING_WORDS = Set.of("na", "n/a", "null");

    /**
     * Text that names a non-finite number, compared after trimming and ignoring case; a strict reading refuses it
     * ({@link ValueFault#NOT_FINITE}) rather than reading it as missing, so that a producer sending NaN is told.
     */
    public static final Set<String> NON_FINITE_WORDS =
            Set.of("nan", "+nan", "-nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf");

    /** Integral doubles below this magnitude are exact as a long: 2^53. */
    private static final double LARGEST_EXACT_LONG = 0x1p53;

    private RawValues() {}

    /** Whether trimmed text is one of the {@link #MISSING_WORDS}. */
    public static boolean isMissingWord(String trimmed) {
        int n = trimmed.length();
        return n >= 2 && n <= 4 && MISSING_WORDS.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    /** Whether trimmed text is one of the {@link #NON_FINITE_WORDS}. */
    public static boolean isNonFiniteWord(String trimmed) {
        int n = trimmed.length();
        return n >= 3 && n <= 9 && NON_FINITE_WORDS.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    /**
     * A number written as text: an optional sign, digits with at most one decimal point, and an optional exponent
     * ({@code 12}, {@code -0.25}, {@code 1.5e3}, {@code .5}), surrounding blanks ignored. Anything else (hexadecimal,
     * {@code 12d}, thousands separators, {@code NaN}, {@code Infinity}) is not a number: NaN is returned. Correctly
     * rounded; a value beyond the double range gives an infinity, a value below it zero.
     */
    public static double parseNumber(String text) {
        String s = text.trim();
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
        }
        return i == n ? Double.parseDouble(s) : Double.NaN;
    }

    /**
     * The model value of an already cleaned value ({@link Strictness#READ}): a number, or a number written as text;
     * NaN when missing (null, blank, NaN) or when it is no finite number. Negative zero reads as zero.
     */
    public static double number(Object raw) {
        double value = switch (raw) {
            case null -> Double.NaN;
            case Number n -> n.doubleValue();
            case CharSequence text -> parseNumber(text.toString());
            default -> Double.NaN;
        };
        return Double.isFinite(value) ? modelNumber(value) : Double.NaN;
    }

    /**
     * The category label of an already cleaned value ({@link Strictness#READ}): text trimmed, a number in its
     * {@link #numberLabel canonical text} ({@code 2.0} is {@code "2"}), a boolean as {@code true} or {@code false};
     * null when missing (null, blank, a non-finite number) or of another kind. Labels are not matched against a
     * schema here: cleaned values already hold the schema's spelling.
     */
    public static String label(Object raw) {
        return switch (raw) {
            case null -> null;
            case String text -> trimmedOrNull(text);
            case Number n -> numberLabel(n);
            case Boolean b -> b.toString();
            case CharSequence text -> trimmedOrNull(text.toString());
            default -> null;
        };
    }

    /**
     * The canonical text of a number used as a label: integral values without a fraction ({@code 2}, never
     * {@code 2.0} or {@code 2E+0}), others in plain decimal notation without trailing zeros ({@code 2.5},
     * {@code 0.0000001}, {@code 100000000000000000000}); exact for {@link BigInteger} and {@link BigDecimal}; null
     * for NaN and the infinities.
     */
    public static String numberLabel(Number number) {
        return switch (number) {
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case Short s -> Short.toString(s);
            case Byte b -> Byte.toString(b);
            case BigInteger i -> i.toString();
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case Float f -> Float.isFinite(f) ? numberLabel(new BigDecimal(Float.toString(f))) : null;
            default -> numberLabel(number.doubleValue());
        };
    }

    /** The canonical text of a double used as a label; null for NaN and the infinities. */
    public static String numberLabel(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_LONG) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A clean number as ingestion stores it: a {@link Long} when integral and exact as a long (below 2^53 in
     * magnitude), a {@link Double} otherwise. Both read back as the same double.
     */
    public static Object storedNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_LONG) {
            return (long) value;
        }
        return value;
    }

    /** A finite number as the model reads it: negative zero folded into zero, everything else unchanged. */
    public static double modelNumber(double value) {
        return value == 0 ? 0.0 : value;
    }

    private static String trimmedOrNull(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
