package io.creditscoring.ingestion.csvimport;

import io.creditscoring.web.ApiProblemException;
import java.util.Locale;

/** How an object-store file is read: given by the request's {@code format}, else by the key's extension. */
enum ImportFormat {
    /** CSV laid out as the portfolio's schema says. */
    CSV,
    /** CSV compressed with gzip ({@code .csv.gz}). */
    CSV_GZIP,
    /** Apache Parquet ({@code .parquet}), read by ranged GETs, one row group at a time. */
    PARQUET;

    static ImportFormat of(String format, ObjectLocation location) {
        String name = format == null || format.isBlank()
                ? byExtension(location.key())
                : format.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "csv" -> CSV;
            case "csv.gz", "csv-gzip" -> CSV_GZIP;
            case "parquet" -> PARQUET;
            default ->
                throw ApiProblemException.badRequest("unknown format '" + name + "' for " + location
                        + "; csv, csv.gz or parquet (by extension or format)");
        };
    }

    private static String byExtension(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv.gz")) {
            return "csv.gz";
        }
        if (lower.endsWith(".parquet")) {
            return "parquet";
        }
        // CSV unless said otherwise: data exports often end in .txt, .dat or nothing
        return "csv";
    }
}
