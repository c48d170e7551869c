package io.creditscoring.drift.stats;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample's feature values column by column, as drift bins them: a reference sample (training rows as stored) and
 * a window of scoring events (features as scoring normalised them) are read the same way, with the feature
 * contract's lenient reading ({@link Strictness#READ}): numbers as doubles (NaN where missing), labels in the
 * schema's spelling (null where missing).
 *
 * @param numeric each numeric feature's values, row by row
 * @param categorical each categorical feature's labels, row by row
 */
public record FeatureColumns(Map<String, double[]> numeric, Map<String, String[]> categorical) {

    public FeatureColumns {
        numeric = Map.copyOf(numeric);
        categorical = Map.copyOf(categorical);
    }

    /** Reads every feature of the schema from rows of feature values. */
    public static FeatureColumns of(PortfolioSchema schema, List<? extends Map<String, ?>> rows) {
        int n = rows.size();
        Map<String, double[]> numeric = new HashMap<>();
        Map<String, String[]> categorical = new HashMap<>();
        for (FeatureSpec feature : schema.features()) {
            if (feature.isNumeric()) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = RawValues.number(rows.get(i).get(feature.name()));
                }
                numeric.put(feature.name(), values);
            } else {
                String[] labels = new String[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = RawValues.label(rows.get(i).get(feature.name()));
                }
                categorical.put(feature.name(), labels);
            }
        }
        return new FeatureColumns(numeric, categorical);
    }
}
