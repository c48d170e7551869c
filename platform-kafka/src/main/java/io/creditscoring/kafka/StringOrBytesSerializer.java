package io.creditscoring.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes text as UTF-8 and byte arrays as they are. For dead-letter producers: a record whose key or value could
 * not be decoded reaches the recoverer as its original bytes, the others as text, and both must reach the
 * dead-letter topic byte for byte as they were consumed.
 */
public class StringOrBytesSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            default ->
                throw new IllegalArgumentException(
                        "expects text or bytes, got a " + data.getClass().getName() + " for topic " + topic);
        };
    }
}
