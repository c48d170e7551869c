package io.creditscoring.training.command;

import io.creditscoring.kafka.DeadLetters;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.run.InvalidTrainingCommandException;
import io.creditscoring.training.run.RunQueueFullException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One error handler for the command listener: a bounded back-off for transient failures, then the record goes to
 * {@code credit.training-commands.DLT} with the reason in its headers. Unreadable and invalid commands are not
 * retried. A command that meets a full run queue is valid and must not be lost: it is tried again, with a wait that
 * doubles from 1 s up to {@code training.queue.command-retry-max-interval}, for as long as the queue stays full. Its
 * offset is not committed meanwhile (the container acknowledges record by record, after the run is stored), so a
 * restart delivers it again.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template, TrainingProperties properties) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(DeadLetters.toSamePartition(template), new FixedBackOff(1000L, 2));
        handler.addNotRetryableExceptions(InvalidTrainingCommandException.class, IllegalArgumentException.class);
        BackOff untilThereIsRoom = untilThereIsRoom(properties.queue());
        handler.setBackOffFunction((record, e) -> queueFull(e) ? untilThereIsRoom : null);
        return handler;
    }

    private static BackOff untilThereIsRoom(TrainingProperties.Queue queue) {
        ExponentialBackOff backOff = new ExponentialBackOff(1000L, 2.0);
        backOff.setMaxInterval(Math.max(1000L, queue.commandRetryMaxInterval().toMillis()));
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    private static boolean queueFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RunQueueFullException) {
                return true;
            }
        }
        return false;
    }
}
