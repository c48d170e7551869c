package io.creditscoring.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IngestionPropertiesTest {

    private static IngestionProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ingestion", IngestionProperties.class);
    }

    @Test
    void retriesOfTransientFailuresAreBoundedByDefault() {
        IngestionProperties.Retry retry = bind(Map.of()).consumer().retry();
        assertThat(retry.maxElapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(retry.maxInterval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theBoundCanBeSet() {
        assertThat(bind(Map.of("ingestion.consumer.retry.max-elapsed", "2s"))
                        .consumer()
                        .retry()
                        .maxElapsed())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
