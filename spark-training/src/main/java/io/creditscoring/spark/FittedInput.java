package io.creditscoring.spark;

import java.util.List;

/**
 * One fitted preprocessing step, the same numbers as model-pipeline's {@code InputTransform} (which targets Java
 * 25 and so cannot be loaded here): written out by {@link PipelineJson} in that record's JSON form.
 */
public sealed interface FittedInput permits FittedInput.Numeric, FittedInput.Categorical {

    String feature();

    /** The number of model-vector columns it writes. */
    int width();

    /**
     * A numeric feature: {@code (v - center) / scale}, a missing value replaced by {@code imputeValue}, then a 0/1
     * missing indicator when asked. A null {@code imputeValue} passes a missing value on as NaN (tree models).
     */
    record Numeric(String feature, Double imputeValue, double center, double scale, boolean missingIndicator)
            implements FittedInput {

        static Numeric raw(String feature) {
            return new Numeric(feature, null, 0.0, 1.0, false);
        }

        @Override
        public int width() {
            return missingIndicator ? 2 : 1;
        }
    }

    /** A categorical feature, one-hot over the categories kept; anything else writes zeros. */
    record Categorical(String feature, List<String> categories) implements FittedInput {

        public Categorical {
            categories = List.copyOf(categories);
        }

        @Override
        public int width() {
            return categories.size();
        }
    }

    /** A feature that feature selection dropped, and why. */
    record Dropped(String feature, String reason) {}
}
