package io.creditscoring.scoring.decisionlog;

import java.time.Duration;

/**
 * The decision log could not record a request's scoring events in time, so its decisions must not be given.
 * The message is for the service's log, not for clients.
 */
public class DecisionNotRecordedException extends RuntimeException {

    private final int events;

    private DecisionNotRecordedException(String message, int events, Throwable cause) {
        super(message, cause);
        this.events = events;
    }

    static DecisionNotRecordedException notAcknowledged(int events, Duration timeout, Throwable cause) {
        return new DecisionNotRecordedException(
                events + " scoring event(s) not acknowledged by Kafka within " + timeout.toMillis() + " ms",
                events,
                cause);
    }

    /** Scoring events of the request, none of whose decisions may be given. */
    public int events() {
        return events;
    }
}
