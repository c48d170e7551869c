package io.creditscoring.scoring;

import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.kafka.PlatformTopics;
import io.creditscoring.model.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
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
    KafkaAdmin.NewTopics scoringTopics(ScoringProperties properties) {
        return PlatformTopics.withPartitions(properties.topicPartitions())
                .published(Topics.SCORING_EVENTS)
                .consumed(Topics.MODEL_EVENTS)
                .build();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        // Any partition: the model-events topic and this dead-letter topic are created by different services.
        DefaultErrorHandler handler =
                new DefaultErrorHandler(DeadLetters.toAnyPartition(template), new FixedBackOff(500L, 3));
        handler.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
        return handler;
    }
}
