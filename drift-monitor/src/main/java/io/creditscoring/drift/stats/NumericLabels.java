package io.creditscoring.drift.stats;

/** Canonical text of a number used as a category: integral values without a fraction ({@code 2}, not {@code 2.0}). */
public final class NumericLabels {

    private NumericLabels() {}

    public static String label(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
