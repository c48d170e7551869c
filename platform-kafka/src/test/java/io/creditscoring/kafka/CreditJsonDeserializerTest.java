package io.creditscoring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CreditJsonDeserializerTest {

    private static final byte[] EVENT = """
            {"portfolio":"p","modelVersion":3,"alias":"champion","event":"PROMOTED","at":"2026-01-02T03:04:05Z"}""".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsTheTypeNamedInTheConsumerProperties() {
        try (var deserializer = new CreditJsonDeserializer<ModelEvent>()) {
            deserializer.configure(Map.of(CreditJsonDeserializer.VALUE_TYPE, ModelEvent.class.getName()), false);
            assertThat(deserializer.deserialize("t", EVENT))
                    .isEqualTo(new ModelEvent(
                            "p", 3, "champion", ModelEventType.PROMOTED, Instant.parse("2026-01-02T03:04:05Z")));
            assertThat(deserializer.deserialize("t", null)).isNull();
        }
    }

    @Test
    void aTypeGivenInCodeWinsOverTheProperties() {
        try (var deserializer = new CreditJsonDeserializer<>(ModelEvent.class)) {
            deserializer.configure(Map.of(CreditJsonDeserializer.VALUE_TYPE, "no.such.Type"), false);
            assertThat(deserializer.deserialize("t", EVENT).modelVersion()).isEqualTo(3);
        }
    }

    @Test
    void anUnreadableValueIsASerializationExceptionNamingTheTopic() {
        try (var deserializer = new CreditJsonDeserializer<>(ModelEvent.class)) {
            assertThatThrownBy(() -> deserializer.deserialize("credit.model-events", "{\"modelVersion\":".getBytes()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("ModelEvent")
                    .hasMessageContaining("credit.model-events");
        }
    }

    @Test
    void aValueThatIsNotUtf8IsASerializationException() {
        byte[] badByte = withAliasBytes((byte) 0xFF);
        byte[] encodedSurrogate = withAliasBytes((byte) 0xED, (byte) 0xA0, (byte) 0x80);
        try (var deserializer = new CreditJsonDeserializer<>(ModelEvent.class)) {
            for (byte[] value : List.of(badByte, encodedSurrogate)) {
                assertThatThrownBy(() -> deserializer.deserialize("credit.model-events", value))
                        .isInstanceOf(SerializationException.class)
                        .rootCause()
                        .hasMessageContaining("UTF-8");
            }
        }
    }

    /** The event with these bytes in place of its alias. */
    private static byte[] withAliasBytes(byte... alias) {
        String event = new String(EVENT, StandardCharsets.UTF_8);
        int at = event.indexOf("champion");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(event.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(alias);
        out.writeBytes(event.substring(at + "champion".length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void refusesAMissingOrUnknownType() {
        try (var deserializer = new CreditJsonDeserializer<ModelEvent>()) {
            assertThatThrownBy(() -> deserializer.configure(Map.of(), false))
                    .hasMessageContaining(CreditJsonDeserializer.VALUE_TYPE);
            assertThatThrownBy(() ->
                            deserializer.configure(Map.of(CreditJsonDeserializer.VALUE_TYPE, "no.such.Type"), false))
                    .hasMessageContaining("no.such.Type");
        }
    }
}
