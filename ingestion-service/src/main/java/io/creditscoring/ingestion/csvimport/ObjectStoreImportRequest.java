package io.creditscoring.ingestion.csvimport;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An import of a file in an object store.
 *
 * @param source {@code s3://bucket/key}; the bucket must be in {@code ingestion.object-store.allowed-buckets}
 * @param format {@code csv}, {@code csv.gz} or {@code parquet}; by default taken from the key's extension
 *     ({@code .csv.gz}, {@code .parquet}; CSV otherwise)
 */
record ObjectStoreImportRequest(
        @Schema(example = "s3://lender-exports/taiwan/2026-11.csv", requiredMode = Schema.RequiredMode.REQUIRED)
        String source,

        @Schema(example = "csv", nullable = true) String format) {}
