package io.creditscoring.sampledata.synthetic;

import java.util.Arrays;

/**
 * One column's empirical distribution (its sorted values), drawn from by inverse CDF. A discrete column returns one of
 * the observed values (so its marginal is the data's); a continuous one interpolates between neighbouring observed
 * values and rounds to a whole number (amounts in the data are whole dollars), so that a large sample is not made of
 * the same few thousand amounts.
 */
record EmpiricalColumn(String name, long[] sorted, boolean continuous) {

    static EmpiricalColumn of(String name, long[] values, boolean continuous) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new EmpiricalColumn(name, sorted, continuous);
    }

    /** The value at probability u (0 &lt; u &lt; 1). */
    long quantile(double u) {
        int n = sorted.length;
        if (!continuous) {
            return sorted[Math.min(n - 1, (int) (u * n))];
        }
        double position = u * (n - 1);
        int low = (int) position;
        if (low >= n - 1) {
            return sorted[n - 1];
        }
        double fraction = position - low;
        return Math.round(sorted[low] + fraction * (sorted[low + 1] - sorted[low]));
    }
}
