package io.creditscoring.training.command;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.TrainingCommand;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a {@link TrainingCommand} with the platform's JSON mapping; wrapped in Spring's ErrorHandlingDeserializer. */
public class TrainingCommandDeserializer implements Deserializer<TrainingCommand> {

    @Override
    public TrainingCommand deserialize(String topic, byte[] data) {
        return data == null ? null : CreditJson.json().readValue(data, TrainingCommand.class);
    }
}
