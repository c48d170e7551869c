package io.creditscoring.training.command;

import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.training.run.RunQueueFullException;
import io.creditscoring.training.run.TrainingRunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Queues a run for every training command; a replayed command (same commandId) queues nothing. The command is
 * acknowledged when this returns, that is once its run is stored; a full queue holds it back (it is tried again).
 */
@Component
class TrainingCommandListener {

    private static final Logger log = LoggerFactory.getLogger(TrainingCommandListener.class);

    private final TrainingRunService runs;

    TrainingCommandListener(TrainingRunService runs) {
        this.runs = runs;
    }

    @KafkaListener(topics = Topics.TRAINING_COMMANDS, groupId = "${spring.application.name}")
    void onCommand(TrainingCommand command) {
        try {
            runs.start(command);
        } catch (RunQueueFullException e) {
            log.warn(
                    "Training command {} held back: {}",
                    command.commandId(),
                    e.getBody().getDetail());
            throw e;
        }
    }
}
