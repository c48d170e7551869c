package io.creditscoring.kafka;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Recoverers that publish failed records to the platform's dead-letter topics, {@code <topic>.DLT}. spring-kafka 4's
 * own default is {@code <topic>-dlt}, so every service builds its recoverer here rather than with the default.
 */
public final class DeadLetters {

    private DeadLetters() {}

    /** Dead letters go to the same partition of {@code <topic>.DLT} (the two topics have as many partitions). */
    public static DeadLetterPublishingRecoverer toSamePartition(KafkaOperations<?, ?> template) {
        return new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
    }

    /** Dead letters go to {@code <topic>.DLT}, partition chosen by the producer, whatever the partition counts. */
    public static DeadLetterPublishingRecoverer toAnyPartition(KafkaOperations<?, ?> template) {
        return new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    }
}
