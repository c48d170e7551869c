package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.ingestion.IntakeTestSupport;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With {@code ingestion.consumer.retry.max-elapsed} set, a batch that still cannot be stored when that time is up
 * is not lost: every record of it lands on its topic's dead-letter topic with the failure as its reason, and the
 * consumer group moves past it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME,
            "ingestion.consumer.group-id=" + RetriesExhaustedTest.GROUP,
            "ingestion.consumer.auto-startup=false",
            "ingestion.consumer.retry.initial-interval=200ms",
            "ingestion.consumer.retry.max-interval=500ms",
            "ingestion.consumer.retry.max-elapsed=2s",
            "spring.datasource.hikari.connection-timeout=500"
        })
@DirtiesContext
class RetriesExhaustedTest extends OwnPostgresIntakeTest {

    static final String GROUP = "ingestion-retries-exhausted-test";
    private static final String PORTFOLIO = "retries-exhausted-loans";

    @Test
    void deadLettersEveryRecordOfABatchThatCannotBeStoredInTime() throws Exception {
        registerPortfolio(PORTFOLIO);
        startConsumersAtTheEndOfTheTopics(GROUP);
        List<String> ids = IntStream.range(0, 40)
                .mapToObj(i -> "exhausted-" + UUID.randomUUID())
                .toList();

        stopPostgres();
        publish(ids, PORTFOLIO);

        Map<String, Map<String, ConsumerRecord<String, String>>> deadLetters = readDeadLetters(Set.copyOf(ids));
        for (String topic : List.of(Topics.APPLICATIONS, Topics.OUTCOMES)) {
            Map<String, ConsumerRecord<String, String>> records = deadLetters.get(Topics.deadLetter(topic));
            assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            for (ConsumerRecord<String, String> record : records.values()) {
                assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
                assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
                assertThat(header(record, DeadLetterPublisher.REASON)).isEqualTo(DeadLetterPublisher.RETRIES_EXHAUSTED);
                assertThat(header(record, DeadLetterPublisher.MESSAGE)).startsWith("not stored: retries");
                assertThat(record.value()).contains(record.key());
            }
        }
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, Duration.ofSeconds(30));

        startPostgres();
        // dead-lettered, so not stored: each record is in exactly one place
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .until(() -> storedCount(PORTFOLIO) == 0);
    }

    /** Both dead-letter topics from the beginning, by topic and key, until every key is on both. */
    private static Map<String, Map<String, ConsumerRecord<String, String>>> readDeadLetters(Set<String> keys) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> topics = List.of(Topics.deadLetter(Topics.APPLICATIONS), Topics.deadLetter(Topics.OUTCOMES));
        Map<String, Map<String, ConsumerRecord<String, String>>> seen = new HashMap<>();
        topics.forEach(t -> seen.put(t, new HashMap<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(topics);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        seen.get(record.topic()).putIfAbsent(record.key(), record);
                    }
                }
                return seen.values().stream().allMatch(byKey -> byKey.keySet().containsAll(keys));
            });
        }
        return seen;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
