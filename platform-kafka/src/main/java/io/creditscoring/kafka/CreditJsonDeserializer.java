package io.creditscoring.kafka;

import io.creditscoring.model.CreditJson;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Reads Kafka values of one type as the platform's JSON ({@link CreditJson}). Built with its type in code, or
 * named in consumer properties (for example as the delegate of Spring's {@code ErrorHandlingDeserializer}) with
 * the type in {@value #VALUE_TYPE}. A value that cannot be read raises a {@link SerializationException}, which
 * {@code ErrorHandlingDeserializer} turns into a dead letter.
 */
public class CreditJsonDeserializer<T> implements Deserializer<T> {

    /** Consumer property: the fully qualified class of the values. */
    public static final String VALUE_TYPE = "credit.json.value.type";

    private Class<T> type;

    /** For Kafka's configuration by class name: the type comes from {@value #VALUE_TYPE}. */
    public CreditJsonDeserializer() {}

    public CreditJsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked") // the configured class is the type this deserializer was declared for
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type != null) {
            return;
        }
        Object configured = configs.get(VALUE_TYPE);
        if (configured == null) {
            throw new IllegalStateException(VALUE_TYPE + " must name the class of the values");
        }
        try {
            type = configured instanceof Class<?> c
                    ? (Class<T>) c
                    : (Class<T>) Class.forName(
                            configured.toString().trim(), true, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(VALUE_TYPE + " names an unknown class: " + configured, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (type == null) {
            throw new IllegalStateException("CreditJsonDeserializer used before " + VALUE_TYPE + " was configured");
        }
        try {
            return CreditJson.json().readValue(data, type);
        } catch (JacksonException e) {
            throw new SerializationException("cannot read a " + type.getSimpleName() + " from " + topic, e);
        }
    }
}
