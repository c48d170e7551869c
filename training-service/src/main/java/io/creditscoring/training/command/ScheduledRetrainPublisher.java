package io.creditscoring.training.command;

import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.training.TrainingProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The periodic retrain: on the configured cron it publishes a SCHEDULED command per configured portfolio to
 * {@code credit.training-commands}, so that every retrain goes through the topic. The command id is derived from
 * the portfolio and the minute it fired, so that several instances firing together start one run.
 */
@Component
public class ScheduledRetrainPublisher {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRetrainPublisher.class);

    private final KafkaOperations<Object, Object> kafka;
    private final TrainingProperties properties;
    private final Clock clock;

    ScheduledRetrainPublisher(KafkaOperations<Object, Object> kafka, TrainingProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(cron = "${training.schedule.cron:-}", zone = "UTC")
    void onSchedule() {
        publish(properties.schedule().portfolios());
    }

    /** Publishes one SCHEDULED command per portfolio and waits for the broker to have them. */
    public List<TrainingCommand> publish(List<String> portfolios) {
        Instant now = clock.instant();
        List<TrainingCommand> commands = portfolios.stream()
                .map(p -> new TrainingCommand(
                        "scheduled:" + p + ":" + now.truncatedTo(ChronoUnit.MINUTES),
                        p,
                        TrainingReason.SCHEDULED,
                        "training-service schedule",
                        now,
                        Map.of("cron", properties.schedule().cron())))
                .toList();
        for (TrainingCommand command : commands) {
            try {
                kafka.send(Topics.TRAINING_COMMANDS, command.portfolio(), command)
                        .get(30, TimeUnit.SECONDS);
                log.info("Scheduled retrain of {} published as command {}", command.portfolio(), command.commandId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + command.commandId(), e);
            } catch (ExecutionException | TimeoutException e) {
                // the next portfolio may still go through; this one is retried at the next firing
                log.error("Could not publish scheduled retrain command {}", command.commandId(), e);
            }
        }
        return commands;
    }
}
