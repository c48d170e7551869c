package io.creditscoring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class StrictUtf8DeserializerTest {

    private final StrictUtf8Deserializer deserializer = new StrictUtf8Deserializer();

    @Test
    void readsValidUtf8IncludingAReplacementCharacterThatWasSent() {
        String text = "{\"applicationId\":\"Zoë-😀\",\"note\":\"\uFFFD\"}";
        assertThat(deserializer.deserialize("t", text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(text);
        assertThat(deserializer.deserialize("t", new byte[0])).isEmpty();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void refusesBytesThatAreNotUtf8SayingWhere() {
        byte[] value = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        // Kafka's own deserializer would hand on altered text without a word
        assertThat(new StringDeserializer().deserialize("t", value)).contains("\uFFFD");

        assertThatThrownBy(() -> deserializer.deserialize("credit.applications", value))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not valid UTF-8: 1 malformed byte(s) at byte 6 of 9 (topic credit.applications)");
    }

    @Test
    void refusesEncodedSurrogatesOverlongFormsAndCutOffSequences() {
        byte[][] invalid = {
            {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // U+D800 encoded: a lone surrogate
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {'a', 'b', (byte) 0xE2, (byte) 0x82} // the first two bytes of '€'
        };
        for (byte[] bytes : invalid) {
            assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("not valid UTF-8");
        }
    }
}
