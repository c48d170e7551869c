package io.creditscoring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringOrBytesSerializerTest {

    private final StringOrBytesSerializer serializer = new StringOrBytesSerializer();

    @Test
    void writesTextAsUtf8AndBytesAsTheyAre() {
        byte[] undecodable = {'{', (byte) 0xFF, '}'};
        assertThat(serializer.serialize("t", undecodable)).isSameAs(undecodable);
        assertThat(serializer.serialize("t", "Zoë")).containsExactly('Z', 'o', 0xC3, 0xAB);
        assertThat(serializer.serialize("t", null)).isNull();
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> serializer.serialize("t", 42)).hasMessageContaining("java.lang.Integer");
    }
}
