package io.creditscoring.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A numeric feature: missing values imputed, then standardised, optionally followed by a missing-value
 * indicator column.
 *
 * <p>Columns written: {@code (v - center) / scale} where {@code v} is the raw value, or {@code imputeValue} when
 * the raw value is missing (null or NaN); then, when {@code missingIndicator}, 1 if the raw value was missing
 * and 0 otherwise. When {@code imputeValue} is null, a missing value stays NaN (tree models route it by their
 * default direction). Tree models use {@code center = 0, scale = 1}.
 *
 * @param feature the raw feature name
 * @param imputeValue the value used for a missing input (the training median), or null to pass NaN through
 * @param center subtracted from the value (the training mean, or 0)
 * @param scale the value is divided by it (the training standard deviation, or 1); never 0
 * @param missingIndicator whether a 0/1 missing-value column follows
 */
public record NumericInput(String feature, Double imputeValue, double center, double scale, boolean missingIndicator)
        implements InputTransform {

    public NumericInput {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale of '" + feature + "' must be a positive number, got " + scale);
        }
    }

    /** A feature passed as it is: no imputation, no scaling. */
    public static NumericInput raw(String feature) {
        return new NumericInput(feature, null, 0.0, 1.0, false);
    }

    @Override
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(2);
        names.add(feature);
        if (missingIndicator) {
            names.add(feature + "__missing");
        }
        return names;
    }
}
