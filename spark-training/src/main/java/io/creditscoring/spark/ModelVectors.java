package io.creditscoring.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns raw feature columns into the model vector of a fitted preprocessing, column for column as model-pipeline's
 * {@code Vectorizer} does, so that a model fitted here sees what the exported pipeline (and ONNX) computes.
 */
public final class ModelVectors {

    public static final String FEATURES = "features";

    private ModelVectors() {}

    /** The rows with a {@value #FEATURES} vector column added. */
    public static Dataset<Row> withVector(Dataset<Row> rows, List<FittedInput> inputs) {
        List<Column> cells = new ArrayList<>();
        for (FittedInput input : inputs) {
            Column raw = col(PreprocessingFitter.quoted(input.feature()));
            if (input instanceof FittedInput.Numeric n) {
                Column value =
                        n.imputeValue() == null ? coalesce(raw, lit(Double.NaN)) : coalesce(raw, lit(n.imputeValue()));
                cells.add(value.minus(lit(n.center())).divide(lit(n.scale())));
                if (n.missingIndicator()) {
                    cells.add(when(raw.isNull(), lit(1.0)).otherwise(lit(0.0)));
                }
            } else if (input instanceof FittedInput.Categorical c) {
                for (String category : c.categories()) {
                    cells.add(when(raw.equalTo(lit(category)), lit(1.0)).otherwise(lit(0.0)));
                }
            }
        }
        return rows.withColumn(FEATURES, functions.array_to_vector(array(cells.toArray(Column[]::new))));
    }
}
