package io.creditscoring.ingestion.validation;

/** The rule a feature value broke. */
public enum ViolationRule {
    /** Text that holds a control character (NUL among them) or a lone surrogate. */
    INVALID_TEXT,
    /** A feature the schema requires is absent, null, blank or a word meaning missing (NA, N/A, null). */
    MISSING_FEATURE,
    /** A feature the schema does not declare. */
    UNKNOWN_FEATURE,
    /** A value of the wrong kind: text that is not a number, a boolean, an object or a list. */
    WRONG_TYPE,
    /** NaN or an infinite number. */
    NOT_FINITE,
    /** A number outside the feature's declared range. */
    OUT_OF_RANGE,
    /** A label outside the feature's declared categories. */
    UNKNOWN_CATEGORY
}
