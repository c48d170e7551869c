package io.creditscoring.training.spark;

/**
 * A data set at a path that a Spark run reads instead of ingestion's tables: the {@code source} of a run request,
 * {@code {"path": "s3a://bucket/prefix/", "format": "parquet"}}. Checked by {@link DatasetSources}.
 *
 * @param path {@code s3a://bucket/key-or-prefix} or a {@code file:} path; one file or a directory of them
 * @param format {@code csv} (laid out as the portfolio schema's CSV layout says) or {@code parquet}; absent: from the
 *     path's extension
 */
public record DatasetSource(String path, String format) {

    public static final String CSV = "csv";
    public static final String PARQUET = "parquet";

    public boolean onObjectStore() {
        return path.startsWith("s3a:");
    }
}
