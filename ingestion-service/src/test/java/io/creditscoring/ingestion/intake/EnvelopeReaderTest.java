package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.creditscoring.model.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming pass of {@link EnvelopeReader#parse} against the tree it replaced ({@link EnvelopeReader#parseAsTree}):
 * the same feature values of the same classes in the same order, the same top-level nodes, the same rejections.
 */
class EnvelopeReaderTest {

    private static final String ENVELOPE = "\"applicationId\": \"a-1\", \"portfolio\": \"p\", ";

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>(Topics.APPLICATIONS, 0, 0, "a-1", value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{" + ENVELOPE
                        + "\"submittedAt\": \"2026-01-01T00:00:00Z\", \"features\": {\"age\": 42, \"sector\": \"Retail\"}}",
                // every kind of value, numbers of every size and form
                "{" + ENVELOPE + "\"features\": {\"i\": 7, \"l\": 12345678901, \"b\": 123456789012345678901234567890,"
                        + " \"d\": -12.50, \"e\": 1e3, \"inf\": 1e400, \"z\": -0.0, \"s\": \" x \\\"\\u00e9\\\" \","
                        + " \"t\": true, \"f\": false, \"n\": null, \"o\": {\"x\": [1, {}]}, \"a\": [1, 2]}}",
                // the last of a repeated name wins, in the place of the first
                "{" + ENVELOPE + "\"features\": {\"a\": 1, \"b\": 2, \"a\": \"3\"}}",
                "{" + ENVELOPE + "\"features\": {\"a\": 1}, \"features\": 5}",
                "{" + ENVELOPE + "\"features\": 5, \"features\": {\"a\": 1}}",
                "{" + ENVELOPE + "\"features\": null}",
                "{" + ENVELOPE + "\"features\": [1]}",
                "{" + ENVELOPE + "\"portfolio\": \"q\", \"note\": {\"deep\": [[1], {\"x\": null}]}}",
                "{\"applicationId\": 12, \"portfolio\": \"p\", \"defaulted\": \"TRUE\"}"
            })
    void readsWhatTheTreeReads(String payload) {
        EnvelopeReader streamed = EnvelopeReader.parse(record(payload));
        EnvelopeReader tree = EnvelopeReader.parseAsTree(record(payload));

        assertThat(streamed.portfolio()).isEqualTo(tree.portfolio());
        assertThat(streamed.applicationId()).isEqualTo(tree.applicationId());
        assertThat(streamed.features()).isEqualTo(tree.features());
        if (tree.features() != null) {
            assertThat(classes(streamed.features())).isEqualTo(classes(tree.features()));
            assertThat(List.copyOf(streamed.features().keySet()))
                    .isEqualTo(List.copyOf(tree.features().keySet()));
        }
        for (String field : List.of("applicationId", "portfolio", "submittedAt", "features", "defaulted", "note")) {
            assertThat(streamed.field(field)).as(field).isEqualTo(tree.field(field));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{" + ENVELOPE + "\"features\": {\"a\": 1}} trailing",
                "{" + ENVELOPE + "\"features\": {\"a\": 1}",
                "{" + ENVELOPE + "\"features\": {\"a\": 01}}",
                "[1, 2]",
                "\"text\"",
                "",
                "{\"portfolio\": \"p\", \"features\": {}}",
                "{\"applicationId\": {\"x\": 1}, \"portfolio\": \"p\"}"
            })
    void rejectsWhatTheTreeRejectsWithTheSameReason(String payload) {
        RecordRejectedException streamed =
                catchThrowableOfType(RecordRejectedException.class, () -> EnvelopeReader.parse(record(payload)));
        RecordRejectedException tree =
                catchThrowableOfType(RecordRejectedException.class, () -> EnvelopeReader.parseAsTree(record(payload)));

        assertThat(streamed).isNotNull();
        assertThat(tree).isNotNull();
        assertThat(streamed.rejection().reason()).isEqualTo(tree.rejection().reason());
        assertThat(streamed.rejection().first()).isEqualTo(tree.rejection().first());
    }

    private static List<Class<?>> classes(Map<String, Object> values) {
        List<Class<?>> classes = new ArrayList<>();
        values.values().forEach(v -> classes.add(v == null ? null : v.getClass()));
        return classes;
    }
}
