package io.creditscoring.training.command;

import io.creditscoring.model.events.Topics;
import io.creditscoring.training.run.InvalidTrainingCommandException;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One error handler for the command listener: a bounded back-off for transient failures, then the record goes to
 * {@code credit.training-commands.DLT} with the reason in its headers. Unreadable and invalid commands are not
 * retried.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template) {
        // Spring Kafka 4 defaults to "<topic>-dlt"; the platform's contract is "<topic>.DLT", same partition.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000L, 2));
        handler.addNotRetryableExceptions(InvalidTrainingCommandException.class, IllegalArgumentException.class);
        return handler;
    }
}
