package io.creditscoring.drift.events;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Reports a batch's failure at one of its records to the container's error handler, as one of two exception classes:
 * PostgreSQL unavailable or not. The error handler keeps one back-off per failed record and picks it afresh only when
 * the class of the failure changes; a plain {@link BatchListenerFailedException} never changes, so an outage that
 * began with a failure not yet recognised as one kept the ordinary back-off (three deliveries) and its record was
 * dead-lettered, and a bad record met after an outage would keep the outage's endless back-off and stall its
 * partition. With one class per kind, each change of kind starts the back-off that suits it.
 */
final class BatchFailures {

    private BatchFailures() {}

    /** The failure of the batch's record at {@code index}, classified by what caused it. */
    static BatchListenerFailedException at(int index, RuntimeException cause) {
        return DatabaseOutage.causedBy(cause)
                ? new DatabaseUnavailable(cause, index)
                : new RecordNotStored(cause.getMessage(), cause, index);
    }

    /** PostgreSQL was unavailable: retried until it is back, never dead-lettered. */
    static final class DatabaseUnavailable extends BatchListenerFailedException {

        DatabaseUnavailable(Throwable cause, int index) {
            super("PostgreSQL unavailable", cause, index);
        }
    }

    /** Anything else: the record is rejected, unreadable or refused by PostgreSQL. */
    static final class RecordNotStored extends BatchListenerFailedException {

        RecordNotStored(String message, Throwable cause, int index) {
            super(message, cause, index);
        }
    }
}
