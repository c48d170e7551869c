package io.creditscoring.training.preprocess;

import java.util.Map;

/** Reads raw feature values the way the fitted pipeline does: numbers as doubles, categories as strings. */
public final class FeatureValues {

    private FeatureValues() {}

    /** The numeric value, or NaN when missing or not a number. */
    public static double number(Map<String, ?> row, String feature) {
        Object v = row.get(feature);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The category label, or null when missing. Integral numbers are written without a fraction ("2", not "2.0"). */
    public static String category(Map<String, ?> row, String feature) {
        Object v = row.get(feature);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : n.toString();
        }
        return v.toString().trim();
    }
}
