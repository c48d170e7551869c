package io.creditscoring.ingestion.csvimport;

/** A file that cannot be imported at all, for example because a required column is missing from its header. */
public class CsvImportException extends RuntimeException {

    CsvImportException(String message) {
        super(message);
    }
}
