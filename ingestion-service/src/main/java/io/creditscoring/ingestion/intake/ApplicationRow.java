package io.creditscoring.ingestion.intake;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A valid application: the cleaned features as JSON, and the schema version they were checked against. */
record ApplicationRow(
        String portfolio,
        String applicationId,
        Instant submittedAt,
        String featuresJson,
        int schemaVersion,
        String contentSha256,
        ConsumerRecord<String, String> source)
        implements IntakeRow {}
