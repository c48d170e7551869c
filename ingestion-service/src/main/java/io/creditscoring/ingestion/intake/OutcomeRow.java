package io.creditscoring.ingestion.intake;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A valid outcome. */
record OutcomeRow(
        String portfolio,
        String applicationId,
        boolean defaulted,
        Instant observedAt,
        String contentSha256,
        ConsumerRecord<String, String> source)
        implements IntakeRow {}
