package io.creditscoring.ingestion.intake;

import io.creditscoring.ingestion.IngestionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler of the service's listeners. Bad records never reach it (the listeners dead-letter them
 * themselves, without retry, and isolate the records PostgreSQL refuses for their data); it sees only transient
 * failures of PostgreSQL or the broker, and retries the whole batch with exponential back-off while the consumer
 * stays in its group (paused and polled). Past {@code ingestion.consumer.retry.max-elapsed} the batch goes to the
 * dead-letter topic, reason {@code RETRIES_EXHAUSTED}, rather than being lost or blocking its partitions for
 * ever.
 */
@Configuration(proxyBeanMethods = false)
class IntakeErrorHandling {

    @Bean
    DefaultErrorHandler intakeErrorHandler(DeadLetterPublisher deadLetters, IngestionProperties properties) {
        IngestionProperties.Retry retry = properties.consumer().retry();
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        return new DefaultErrorHandler(deadLetters.retriesExhaustedRecoverer(), backOff);
    }
}
