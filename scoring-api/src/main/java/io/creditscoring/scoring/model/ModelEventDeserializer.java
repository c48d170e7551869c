package io.creditscoring.scoring.model;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ModelEvent;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads {@code credit.model-events} values with the platform's JSON mapping. */
public class ModelEventDeserializer implements Deserializer<ModelEvent> {

    @Override
    public ModelEvent deserialize(String topic, byte[] data) {
        return data == null ? null : CreditJson.json().readValue(data, ModelEvent.class);
    }
}
