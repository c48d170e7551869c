package io.creditscoring.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatTest {

    private final Format format = new Format();

    @Test
    void showsAMissingMetricAsADashNotAnError() {
        assertThat(format.metric(Map.of("metrics", Map.of("auc", 0.82691)), "auc"))
                .isEqualTo("0.8269");
        assertThat(format.metric(Map.of("metrics", Map.of()), "auc")).isEqualTo("–");
        assertThat(format.metric(Map.of(), "auc")).isEqualTo("–");
        assertThat(format.metric(null, "auc")).isEqualTo("–");
    }

    @Test
    void showsInstantsToTheSecondInUtc() {
        assertThat(format.time("2026-12-01T01:34:35.565279Z")).isEqualTo("2026-12-01 01:34:35 UTC");
        assertThat(format.time("not a time")).isEqualTo("not a time");
        assertThat(format.time(null)).isEqualTo("–");
    }

    @Test
    void formatsSmallParityDifferencesInScientificNotation() {
        assertThat(format.small(1.04e-7)).isEqualTo("1.0e-07");
        assertThat(format.decimal("x", 2)).isEqualTo("–");
    }
}
