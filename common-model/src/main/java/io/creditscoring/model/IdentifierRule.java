package io.creditscoring.model;

import java.util.Optional;

/**
 * The platform's one rule for identifiers that arrive from outside: application ids (of applications, outcomes,
 * CSV rows and scoring requests) and portfolio names. A valid identifier
 *
 * <ul>
 *   <li>is not empty and has at most {@link #maxLength()} characters (Unicode code points): 128 for application
 *       ids, 63 for portfolio names (the length of the portfolio naming rule of {@code PortfolioSchemaReader});
 *   <li>holds no control character: none of C0 (U+0000 to U+001F, NUL, tab and line breaks among them), DEL
 *       (U+007F) or C1 (U+0080 to U+009F);
 *   <li>is valid Unicode: no lone surrogate (a Java string can hold one, UTF-8 and PostgreSQL cannot).
 * </ul>
 *
 * PostgreSQL's {@code text} cannot hold NUL, so one such id used to fail a whole batch forever; an id of
 * unbounded length would be stored, indexed, logged and echoed in every message. Callers check the value as
 * received, before trimming: {@link String#trim()} would silently drop control characters at the ends.
 *
 * <p>{@link #textFault} is the part of the rule that applies to any text from outside, such as a feature value:
 * no control character, valid Unicode, whatever the length. {@link #printable} renders an offending value for
 * a message without the characters that made it offend.
 *
 * <p>Plain Java, immutable and thread-safe, so that every service applies the same rule.
 */
public final class IdentifierRule {

    /** Application ids: at most 128 characters. */
    public static final IdentifierRule APPLICATION_ID = new IdentifierRule(128);

    /** Portfolio names: at most 63 characters, as the portfolio naming rule. */
    public static final IdentifierRule PORTFOLIO = new IdentifierRule(63);

    /** Characters of a value shown by {@link #printable(CharSequence)} before it cuts the rest. */
    static final int PRINTABLE_LENGTH = 64;

    private final int maxLength;

    private IdentifierRule(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The most characters (Unicode code points) an identifier may have. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * What is wrong with an identifier, as a message that completes "applicationId ..." (for example
     * {@code "holds the control character U+0000 at index 4; control characters are not allowed"}), or empty when
     * it is valid.
     *
     * @param value the identifier as received; null is reported as empty
     */
    public Optional<String> fault(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.length() > maxLength) {
            int characters = value.codePointCount(0, value.length());
            if (characters > maxLength) {
                return Optional.of("has " + characters + " characters; at most " + maxLength + " are allowed: "
                        + printable(value));
            }
        }
        return textFault(value);
    }

    /** Whether an identifier is valid: {@link #fault} is empty. */
    public boolean isValid(String value) {
        return fault(value).isEmpty();
    }

    /**
     * What is wrong with a text from outside (a control character or a lone surrogate), as a message, or empty
     * when it holds neither. The length is not checked.
     */
    public static Optional<String> textFault(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("holds the control character " + codePoint(c) + " at index " + i
                        + "; control characters are not allowed");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return Optional.of(
                            "holds a lone surrogate " + codePoint(c) + " at index " + i + "; it is not valid Unicode");
                }
                i++;
            }
        }
        return Optional.empty();
    }

    /**
     * A value as it can be shown in a message, log line or header: in single quotes, {@link #escaped escaped},
     * cut after 64 characters with the full length said ({@code 'aaaa…' (10000 characters)}).
     */
    public static String printable(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int shown = Math.min(text.length(), PRINTABLE_LENGTH);
        if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never cut a surrogate pair in half
        }
        String quoted = "'" + escaped(text.subSequence(0, shown)) + "'";
        return shown == text.length()
                ? quoted
                : quoted.substring(0, quoted.length() - 1) + "…' (" + Character.codePointCount(text, 0, text.length())
                        + " characters)";
    }

    /** A text with its control characters and lone surrogates written as {@code \}{@code uXXXX}; nothing cut. */
    public static String escaped(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
