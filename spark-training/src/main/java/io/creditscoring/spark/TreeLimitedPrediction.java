package io.creditscoring.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * XGBoost's probabilities from the trees of the first {@code rounds} rounds only, computed where the rows are (one
 * native prediction per partition, the model broadcast): what the local engine's {@code predict(…, treeLimit)} gives
 * a fold's held-out rows. xgboost4j-spark's model has no tree limit, and an early-stopped model holds the rounds
 * after the best one too.
 */
final class TreeLimitedPrediction {

    private TreeLimitedPrediction() {}

    /** {@code application_id, probability} for every row of {@code rows} (which carry the model vector). */
    static Dataset<Row> probabilities(Dataset<Row> rows, byte[] booster, int rounds) {
        JavaSparkContext context =
                JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        Broadcast<byte[]> model = context.broadcast(booster);
        JavaRDD<Row> scored = rows.select(LabelledRowsReader.ID, ModelVectors.FEATURES)
                .javaRDD()
                .mapPartitions(partition -> {
                    List<Row> in = new ArrayList<>();
                    partition.forEachRemaining(in::add);
                    if (in.isEmpty()) {
                        return Collections.emptyIterator();
                    }
                    int columns = ((Vector) in.get(0).get(1)).size();
                    float[] flat = new float[in.size() * columns];
                    for (int i = 0; i < in.size(); i++) {
                        Vector v = (Vector) in.get(i).get(1);
                        for (int j = 0; j < columns; j++) {
                            flat[i * columns + j] = (float) v.apply(j);
                        }
                    }
                    DMatrix matrix = new DMatrix(flat, in.size(), columns, Float.NaN);
                    Booster b = XGBoost.loadModel(model.value());
                    try {
                        float[][] p = b.predict(matrix, false, rounds);
                        List<Row> out = new ArrayList<>(in.size());
                        for (int i = 0; i < in.size(); i++) {
                            out.add(RowFactory.create(in.get(i).getString(0), (double) p[i][0]));
                        }
                        return out.iterator();
                    } finally {
                        b.dispose();
                        matrix.dispose();
                    }
                });
        StructType schema = new StructType()
                .add(LabelledRowsReader.ID, DataTypes.StringType, false)
                .add("probability", DataTypes.DoubleType, false);
        return rows.sparkSession().createDataFrame(scored, schema);
    }
}
