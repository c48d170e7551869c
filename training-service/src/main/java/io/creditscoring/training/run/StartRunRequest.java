package io.creditscoring.training.run;

import io.creditscoring.training.spark.DatasetSource;
import java.util.List;
import java.util.Map;

/**
 * The optional body of {@code POST /v1/portfolios/{portfolio}/training-runs}.
 *
 * @param algorithms which algorithms to train (all three when absent)
 * @param params hyper-parameter overrides by flat name, for example {@code {"xgboost.maxDepth": 5}}
 * @param engine {@code local} or {@code spark}; absent: the portfolio's default engine ({@code training.engine})
 * @param source a data set at a path for the Spark engine to read instead of ingestion's tables, for example
 *     {@code {"path": "s3a://bucket/prefix/", "format": "parquet"}}; absent: ingestion's tables
 */
public record StartRunRequest(
        List<String> algorithms, Map<String, Object> params, String engine, DatasetSource source) {

    public StartRunRequest(List<String> algorithms, Map<String, Object> params) {
        this(algorithms, params, null, null);
    }

    public StartRunRequest(List<String> algorithms, Map<String, Object> params, String engine) {
        this(algorithms, params, engine, null);
    }
}
