package io.creditscoring.scoring;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The decision log topic that scoring publishes every scoring event to, the model-events topic it listens to,
 * and the listener's error handling: a bounded back-off, then the record goes to {@code <topic>.DLT} with the
 * reason in its headers; unreadable records are not retried.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic scoringEventsTopic(ScoringProperties properties) {
        return TopicBuilder.name(Topics.SCORING_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic modelEventsTopic(ScoringProperties properties) {
        return TopicBuilder.name(Topics.MODEL_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic modelEventsDeadLetterTopic(ScoringProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.MODEL_EVENTS))
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        // Spring Kafka 4 names dead-letter topics "<topic>-dlt" by default; the platform's convention is "<topic>.DLT".
        // Partition -1: the producer chooses, whatever the two topics' partition counts.
        var recoverer = new DeadLetterPublishingRecoverer(
                template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 3));
        handler.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
        return handler;
    }
}
