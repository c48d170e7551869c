package io.creditscoring.ingestion.csvimport.parquet;

/**
 * A Parquet file that cannot be imported: not Parquet at all, damaged, or with a column the import needs in a
 * type it does not read (the message names the column).
 */
public class ParquetImportException extends RuntimeException {

    ParquetImportException(String message) {
        super(message);
    }

    ParquetImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
