package io.creditscoring.training.settings;

import io.creditscoring.training.TrainingProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Run settings for tests outside Spring: the defaults declared on {@link TrainingProperties}, with overrides. */
public final class TestSettings {

    private TestSettings() {}

    public static TrainingProperties defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("training", TrainingProperties.class);
    }

    public static RunSettings run(Map<String, ?> overrides) {
        return RunSettings.of(defaults(), overrides);
    }
}
