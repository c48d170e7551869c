package io.creditscoring.spark;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A fitted Spark model's own probability of default for each row, next to its application id and label. */
final class DefaultProbabilities {

    private DefaultProbabilities() {}

    /** MLlib's and xgboost4j-spark's classifiers both answer a {@code probability} vector; its second entry. */
    static Dataset<Row> of(Transformer model, Dataset<Row> rows) {
        return model.transform(rows)
                .select(
                        col(LabelledRowsReader.ID),
                        col(LabelledRowsReader.LABEL),
                        functions
                                .vector_to_array(col("probability"), "float64")
                                .getItem(1)
                                .as("probability"));
    }
}
