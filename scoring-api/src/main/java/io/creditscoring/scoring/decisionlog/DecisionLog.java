package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.events.ScoringEvent;
import java.util.List;

/**
 * The decision log: every decision the API gives is published to {@code credit.scoring-events}, the record an
 * adverse-action dispute relies on. {@code scoring.decision-log.mode} chooses the promise:
 * {@link DurableDecisionLog durable} (the default: a decision is given only once Kafka has acknowledged its
 * event) or {@link AsyncDecisionLog async} (events are queued and published after the answer, best effort).
 */
public interface DecisionLog extends AutoCloseable {

    /**
     * Logs the events of one request's decisions, as the mode promises: in durable mode it returns once Kafka has
     * acknowledged every one of them, in async mode once they are queued.
     *
     * @throws DecisionNotRecordedException when the events could not be logged in time; the request's decisions
     *     must then not be given (all of them: a batch is all or nothing)
     */
    void record(List<ScoringEvent> events);

    /** Stops the log, publishing what it still holds as far as it can. */
    @Override
    void close();

    /** The record key: the application id, else the event id. */
    static String key(ScoringEvent event) {
        return event.applicationId() != null ? event.applicationId() : event.eventId();
    }
}
