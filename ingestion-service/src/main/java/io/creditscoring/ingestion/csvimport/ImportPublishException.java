package io.creditscoring.ingestion.csvimport;

/** The broker did not acknowledge an import's rows in time; the rows read so far may be partly published. */
public class ImportPublishException extends RuntimeException {

    ImportPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
