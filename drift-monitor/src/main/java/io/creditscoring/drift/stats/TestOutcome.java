package io.creditscoring.drift.stats;

/**
 * A test's statistic and, for p-value tests, its p-value ({@code NaN} for distances).
 *
 * @param statistic the test statistic or distance
 * @param pValue the p-value, or {@code NaN} when the test gives none
 */
public record TestOutcome(double statistic, double pValue) {

    public static TestOutcome distance(double value) {
        return new TestOutcome(value, Double.NaN);
    }

    public boolean hasPValue() {
        return !Double.isNaN(pValue);
    }
}
