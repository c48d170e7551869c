package io.creditscoring.drift;

import io.creditscoring.kafka.CreditJsonDeserializer;
import io.creditscoring.kafka.CreditJsonSerializer;
import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.kafka.PlatformTopics;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics, JSON (de)serialisation with {@link CreditJson}, and one error handler: a bounded retry, then the record
 * goes to {@code <topic>.DLT} with the failure in Spring's exception headers. Records that cannot be read
 * (deserialisation) or that are invalid ({@link io.creditscoring.drift.events.RejectedEventException}) are not
 * retried.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    static final String SCORING_EVENTS_FACTORY = "scoringEventsContainerFactory";
    static final String OUTCOMES_FACTORY = "outcomesContainerFactory";

    @Bean
    KafkaAdmin.NewTopics driftTopics(DriftProperties properties) {
        return PlatformTopics.withPartitions(properties.topicPartitions())
                .consumed(Topics.SCORING_EVENTS, Topics.OUTCOMES)
                .published(Topics.TRAINING_COMMANDS)
                .build();
    }

    @Bean
    ProducerFactory<String, Object> producerFactory(KafkaProperties kafka) {
        return new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new CreditJsonSerializer());
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> template) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(DeadLetters.toSamePartition(template), new FixedBackOff(500L, 2L));
        handler.addNotRetryableExceptions(io.creditscoring.drift.events.RejectedEventException.class);
        return handler;
    }

    @Bean(SCORING_EVENTS_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, ScoringEvent> scoringEventsContainerFactory(
            KafkaProperties kafka, DefaultErrorHandler errorHandler) {
        return containerFactory(kafka, errorHandler, ScoringEvent.class);
    }

    @Bean(OUTCOMES_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, LoanOutcomeEvent> outcomesContainerFactory(
            KafkaProperties kafka, DefaultErrorHandler errorHandler) {
        return containerFactory(kafka, errorHandler, LoanOutcomeEvent.class);
    }

    private static <T> ConcurrentKafkaListenerContainerFactory<String, T> containerFactory(
            KafkaProperties kafka, DefaultErrorHandler errorHandler, Class<T> type) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.putIfAbsent(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConcurrentKafkaListenerContainerFactory<String, T> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                config,
                new ErrorHandlingDeserializer<>(new StringDeserializer()),
                new ErrorHandlingDeserializer<>(new CreditJsonDeserializer<>(type))));
        factory.setCommonErrorHandler(errorHandler);
        return factory;
    }
}
