package io.creditscoring.training.command;

import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.training.run.InvalidTrainingCommandException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
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
        DefaultErrorHandler handler =
                new DefaultErrorHandler(DeadLetters.toSamePartition(template), new FixedBackOff(1000L, 2));
        handler.addNotRetryableExceptions(InvalidTrainingCommandException.class, IllegalArgumentException.class);
        return handler;
    }
}
