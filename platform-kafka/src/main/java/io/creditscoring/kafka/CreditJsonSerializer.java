package io.creditscoring.kafka;

import io.creditscoring.model.CreditJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Kafka values as the platform's JSON ({@link CreditJson}); byte arrays pass as they are, so that dead
 * letters keep the exact bytes that could not be read.
 */
public class CreditJsonSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        return CreditJson.json().writeValueAsBytes(data);
    }
}
