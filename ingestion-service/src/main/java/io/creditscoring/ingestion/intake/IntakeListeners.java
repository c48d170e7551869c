package io.creditscoring.ingestion.intake;

import io.creditscoring.model.events.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Batch listeners for applications and outcomes; offsets are committed after each call returns. */
@Component
class IntakeListeners {

    static final String APPLICATIONS_LISTENER = "ingestion-applications";
    static final String OUTCOMES_LISTENER = "ingestion-outcomes";

    private final BatchIntake intake;

    IntakeListeners(BatchIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(
            id = APPLICATIONS_LISTENER,
            idIsGroup = false,
            groupId = "${ingestion.consumer.group-id}",
            topics = Topics.APPLICATIONS,
            concurrency = "${ingestion.consumer.concurrency}",
            autoStartup = "${ingestion.consumer.auto-startup}",
            batch = "true")
    void applications(List<ConsumerRecord<String, String>> records) {
        intake.applications(records);
    }

    @KafkaListener(
            id = OUTCOMES_LISTENER,
            idIsGroup = false,
            groupId = "${ingestion.consumer.group-id}",
            topics = Topics.OUTCOMES,
            concurrency = "${ingestion.consumer.concurrency}",
            autoStartup = "${ingestion.consumer.auto-startup}",
            batch = "true")
    void outcomes(List<ConsumerRecord<String, String>> records) {
        intake.outcomes(records);
    }
}
