package io.creditscoring.pipeline.contract;

/** Why a strict reading refused a raw feature value. */
public enum ValueFault {
    /** Text holding a control character (NUL among them) or a lone surrogate. */
    INVALID_TEXT,
    /** Missing (absent, null, blank or a word meaning missing) where the value is required. */
    MISSING,
    /** A value of the wrong kind: text that is not a number, a boolean, an object or a list. */
    WRONG_TYPE,
    /** NaN or infinity, as a number or as text. */
    NOT_FINITE,
    /** A number outside the feature's declared range. */
    OUT_OF_RANGE,
    /** A label outside the feature's declared categories. */
    UNKNOWN_CATEGORY
}
