package io.creditscoring.drift.events;

import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin listeners: scoring events go to the decision log a polled batch at a time ({@link ScoringEventBatches}),
 * outcomes one at a time. Failures go to the error handler, which retries a database outage until it ends and
 * dead-letters bad records.
 */
@Component
class DecisionLogListeners {

    private final ScoringEventBatches scoringEvents;
    private final DecisionLog log;

    DecisionLogListeners(ScoringEventBatches scoringEvents, DecisionLog log) {
        this.scoringEvents = scoringEvents;
        this.log = log;
    }

    @KafkaListener(
            id = "drift-scoring-events",
            topics = Topics.SCORING_EVENTS,
            groupId = "${drift.consumer.group-id}",
            autoStartup = "${drift.consumer.auto-startup}",
            containerFactory = "scoringEventsContainerFactory")
    void onScoringEvents(List<ConsumerRecord<String, ScoringEvent>> records) {
        scoringEvents.store(records);
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
