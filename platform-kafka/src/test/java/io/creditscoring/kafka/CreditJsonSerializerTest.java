package io.creditscoring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreditJsonSerializerTest {

    private final CreditJsonSerializer serializer = new CreditJsonSerializer();

    @Test
    void writesRecordsAsThePlatformsJson() {
        var event = new ModelEvent("p", 3, "champion", ModelEventType.PROMOTED, Instant.parse("2026-01-02T03:04:05Z"));
        String json = new String(serializer.serialize("t", event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"modelVersion\":3", "\"event\":\"PROMOTED\"", "\"at\":\"2026-01-02T03:04:05Z\"");
    }

    @Test
    void passesRawBytesAndNullThroughUnchanged() {
        byte[] unreadable = {'{', 'x'};
        assertThat(serializer.serialize("t", unreadable)).isSameAs(unreadable);
        assertThat(serializer.serialize("t", null)).isNull();
    }
}
