package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.kafka.DeadLetters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler of the service's listeners. Bad records never reach it (the listeners dead-letter them
 * themselves, without retry); it sees only failures of PostgreSQL or the broker, and retries the whole batch
 * with exponential back-off while the consumer stays in its group (paused and polled). Retries are unbounded
 * unless {@code ingestion.consumer.retry.max-elapsed} is set; past that bound the batch goes to the
 * dead-letter topic rather than being lost.
 */
@Configuration(proxyBeanMethods = false)
class IntakeErrorHandling {

    @Bean
    DefaultErrorHandler intakeErrorHandler(KafkaTemplate<String, String> kafka, IngestionProperties properties) {
        IngestionProperties.Retry retry = properties.consumer().retry();
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        if (retry.maxElapsed() != null) {
            backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        }
        return new DefaultErrorHandler(DeadLetters.toSamePartition(kafka), backOff);
    }
}
