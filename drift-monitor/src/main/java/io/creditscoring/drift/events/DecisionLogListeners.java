package io.creditscoring.drift.events;

import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin listeners: each record goes to the decision log. Failures go to the error handler, which retries a database
 * outage until it ends and dead-letters bad records.
 */
@Component
class DecisionLogListeners {

    private final DecisionLog log;

    DecisionLogListeners(DecisionLog log) {
        this.log = log;
    }

    @KafkaListener(
            id = "drift-scoring-events",
            topics = Topics.SCORING_EVENTS,
            groupId = "${drift.consumer.group-id}",
            autoStartup = "${drift.consumer.auto-startup}",
            containerFactory = "scoringEventsContainerFactory")
    void onScoringEvent(ScoringEvent event) {
        log.record(event);
    }

    @KafkaListener(
            id = "drift-outcomes",
            topics = Topics.OUTCOMES,
            groupId = "${drift.consumer.group-id}",
            autoStartup = "${drift.consumer.auto-startup}",
            containerFactory = "outcomesContainerFactory")
    void onOutcome(LoanOutcomeEvent outcome) {
        log.record(outcome);
    }
}
