package io.creditscoring.drift.stats;

import java.util.Map;

/**
 * A window's values, column by column.
 *
 * @param rows number of rows (events) in the window
 * @param numeric numeric columns by feature name, NaN where missing
 * @param categorical categorical columns by feature name, null where missing
 * @param probabilities the predicted probability of default of each row
 */
public record CurrentSample(
        int rows, Map<String, double[]> numeric, Map<String, String[]> categorical, double[] probabilities) {

    public CurrentSample {
        numeric = Map.copyOf(numeric);
        categorical = Map.copyOf(categorical);
    }
}
