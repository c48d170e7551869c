package io.creditscoring.ingestion.csvimport;

/**
 * A file with more rows than one import may hold ({@code ingestion.csv-import.max-rows}). The rows up to the limit
 * were published and acknowledged before this was thrown.
 */
public class CsvImportTooLargeException extends RuntimeException {

    private final transient ImportResult published;

    CsvImportTooLargeException(long maxRows, ImportResult published) {
        super("the file has more than " + maxRows + " data rows, the most one import may hold; the first " + maxRows
                + " were published (importing the rest, or the whole file again, is safe: ids are stable)");
        this.published = published;
    }

    public ImportResult published() {
        return published;
    }
}
