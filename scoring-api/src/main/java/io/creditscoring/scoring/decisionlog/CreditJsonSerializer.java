package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.CreditJson;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer writing the platform's JSON ({@link CreditJson}); raw bytes (dead letters of records
 * that could not be read) pass through unchanged.
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
