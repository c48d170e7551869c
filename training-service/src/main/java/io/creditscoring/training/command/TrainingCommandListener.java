package io.creditscoring.training.command;

import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.training.run.TrainingRunService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Starts a run for every training command; a replayed command (same commandId) starts nothing. */
@Component
class TrainingCommandListener {

    private final TrainingRunService runs;

    TrainingCommandListener(TrainingRunService runs) {
        this.runs = runs;
    }

    @KafkaListener(topics = Topics.TRAINING_COMMANDS, groupId = "${spring.application.name}")
    void onCommand(TrainingCommand command) {
        runs.start(command);
    }
}
