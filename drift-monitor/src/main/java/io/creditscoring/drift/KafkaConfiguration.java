package io.creditscoring.drift;

import io.creditscoring.drift.events.DatabaseOutage;
import io.creditscoring.drift.events.OutageRetries;
import io.creditscoring.drift.events.RejectedEventException;
import io.creditscoring.kafka.CreditJsonDeserializer;
import io.creditscoring.kafka.CreditJsonSerializer;
import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.kafka.PlatformTopics;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Topics, JSON (de)serialisation with {@link CreditJson}, and one error handler. Records that cannot be read
 * (deserialisation) or that are invalid ({@link RejectedEventException}) go to {@code <topic>.DLT} at once, with
 * the failure in Spring's exception headers. A failure caused by PostgreSQL being unavailable
 * ({@link DatabaseOutage}) is retried with exponential back-off until the database is back: the consumer stays in
 * its group and the partition makes no progress meanwhile. Any other failure is retried twice, then dead-lettered.
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
    DefaultErrorHandler kafkaErrorHandler(
            KafkaTemplate<String, Object> template, DriftProperties properties, MeterRegistry meters) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(DeadLetters.toSamePartition(template), new FixedBackOff(500L, 2L));
        handler.addNotRetryableExceptions(RejectedEventException.class);
        // a database outage is no fault of the record: wait it out, however long, and never dead-letter for it
        DriftProperties.OutageRetry outage = properties.consumer().outageRetry();
        handler.setBackOffFunction((record, e) -> DatabaseOutage.causedBy(e) ? outageBackOff(outage) : null);
        handler.setResetStateOnExceptionChange(true);
        handler.setRetryListeners(new OutageRetries(meters));
        return handler;
    }

    private static BackOff outageBackOff(DriftProperties.OutageRetry outage) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(outage.initialInterval().toMillis(), outage.multiplier());
        backOff.setMaxInterval(outage.maxInterval().toMillis());
        return backOff; // no maximum elapsed time or attempts
    }

    @Bean(SCORING_EVENTS_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, ScoringEvent> scoringEventsContainerFactory(
            KafkaProperties kafka, DefaultErrorHandler errorHandler) {
        ConcurrentKafkaListenerContainerFactory<String, ScoringEvent> factory =
                containerFactory(kafka, errorHandler, ScoringEvent.class);
        // a poll's events are stored in one statement: row by row, storing took the CPU scoring needed
        factory.setBatchListener(true);
        return factory;
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
