package io.creditscoring.ingestion.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A checked record ready to store, identified by (portfolio, applicationId). */
sealed interface IntakeRow permits ApplicationRow, OutcomeRow {

    String portfolio();

    String applicationId();

    /** Hash of the cleaned content; the same hash under the same id is a replay, another one a conflict. */
    String contentSha256();

    ConsumerRecord<String, String> source();
}
