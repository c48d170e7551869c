package io.creditscoring.pipeline.contract;

/**
 * The outcome of a strict reading of one raw value: the clean value, or the fault found.
 *
 * @param value the clean value when there is no fault: null for missing, a number ({@link Long} or {@link Double}
 *     as {@link Strictness#STORE} keeps it, a {@link Double} for {@link Strictness#SCORE}), or the category in the
 *     schema's spelling
 * @param fault what is wrong, or null
 * @param shown the offending value as read (the trimmed text, the number's canonical text or the text fault's
 *     description), for the caller's message; null when there is no fault or nothing to show
 */
public record CheckedValue(Object value, ValueFault fault, String shown) {

    static final CheckedValue ABSENT = new CheckedValue(null, null, null);
    static final CheckedValue MISSING = new CheckedValue(null, ValueFault.MISSING, null);

    static CheckedValue clean(Object value) {
        return new CheckedValue(value, null, null);
    }

    static CheckedValue refused(ValueFault fault, String shown) {
        return new CheckedValue(null, fault, shown);
    }

    public boolean isValid() {
        return fault == null;
    }
}
