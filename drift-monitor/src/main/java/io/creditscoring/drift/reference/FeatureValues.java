package io.creditscoring.drift.reference;

import io.creditscoring.drift.stats.NumericLabels;

/** Reads raw feature values (JSON numbers, strings, or null) as numbers or category labels. */
public final class FeatureValues {

    private FeatureValues() {}

    /** A number, or NaN when the value is missing or not a number. */
    public static double numeric(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A category label, or null when the value is missing; numbers are written without a needless fraction. */
    public static String label(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return NumericLabels.label(n.doubleValue());
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
