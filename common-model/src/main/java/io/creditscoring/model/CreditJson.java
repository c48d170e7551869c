package io.creditscoring.model;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one JSON configuration every service and topic uses: ISO-8601 times, case-insensitive enums on input,
 * unknown fields ignored so that producers can add fields without breaking older consumers.
 */
public final class CreditJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private CreditJson() {}

    /** The shared, thread-safe JSON mapper. */
    public static JsonMapper json() {
        return JSON;
    }

    /** The shared YAML mapper, for portfolio schemas; YAML is a superset of JSON, so it reads both. */
    public static YAMLMapper yaml() {
        return YAML;
    }
}
