package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.WithRealServers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Records that used to stall a partition for ever (a NUL PostgreSQL cannot store, bytes that are not UTF-8) or
 * that were stored although they should not be (a 10,000-character id), and a record PostgreSQL refuses in the
 * middle of a 2,000-record batch: each is dead-lettered with its reason and its exact bytes, counted, and the
 * records around it are stored. Same context as {@link IntakeIntegrationTest}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class PoisonPillIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PORTFOLIO = "poison-pill-loans";
    /** A time Java reads and the validator accepts, beyond PostgreSQL's timestamptz range (294276 AD). */
    private static final String BEYOND_POSTGRES = "+300000-01-01T00:00:00Z";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    @BeforeEach
    void registerPortfolio() {
        catalog.registerIfAbsent(PortfolioSchemaReader.read(Payloads.SCHEMA.replace(Payloads.PORTFOLIO, PORTFOLIO)));
    }

    @Test
    void deadLettersPoisonPillsWithTheirReasonAndStoresTheValidRecordsBehindThem() throws Exception {
        String run = UUID.randomUUID().toString();
        String longId = ("long-" + run + "-").repeat(400).substring(0, 10_000);
        List<Poison> poisons = List.of(
                Poison.application(
                        "NUL in applicationId",
                        json(application("nul-" + run + "\u0000x")),
                        "INVALID_IDENTIFIER",
                        "applicationId",
                        true),
                Poison.application(
                        "raw NUL byte in the JSON",
                        json(application("raw-" + run)).replace("raw-" + run, "raw-" + run + "\u0000"),
                        "UNPARSEABLE_JSON",
                        "$",
                        false),
                Poison.application(
                        "10,000-character applicationId",
                        json(application(longId)),
                        "INVALID_IDENTIFIER",
                        "applicationId",
                        true),
                Poison.application(
                        "lone surrogate in applicationId",
                        json(application("sur-" + run)).replace("sur-" + run, "sur-" + run + "\\ud800"),
                        "INVALID_IDENTIFIER",
                        "applicationId",
                        true),
                Poison.application(
                        "NUL in a categorical value",
                        json(application("cat-" + run).feature("sector", "Retail\u0000")),
                        "INVALID_TEXT",
                        "features.sector",
                        true),
                Poison.application(
                        "NUL in a feature name",
                        json(application("name-" + run).feature("ag\u0000e", 30)),
                        "UNKNOWN_FEATURE",
                        "features.ag\u0000e",
                        true),
                Poison.application(
                        "NUL in portfolio",
                        json(application("pf-" + run).field("portfolio", PORTFOLIO + "\u0000")),
                        "INVALID_IDENTIFIER",
                        "portfolio",
                        false),
                Poison.application(
                        "10,000-character portfolio",
                        json(application("pf-long-" + run).field("portfolio", "p".repeat(10_000))),
                        "INVALID_IDENTIFIER",
                        "portfolio",
                        false),
                new Poison(
                        "value not UTF-8",
                        Topics.APPLICATIONS,
                        utf8("utf-" + run),
                        withByteAfter(json(application("utf-" + run)), "utf-" + run, (byte) 0xFF),
                        "INVALID_ENCODING",
                        "$",
                        false),
                new Poison(
                        "key not UTF-8",
                        Topics.APPLICATIONS,
                        new byte[] {'k', (byte) 0xC0, (byte) 0xAF},
                        utf8(json(application("key-" + run))),
                        "INVALID_ENCODING",
                        "key",
                        false),
                Poison.outcome("NUL in an outcome's applicationId", outcome("out-nul-" + run + "\u0000"), true),
                Poison.outcome("10,000-character outcome applicationId", outcome(longId), true),
                new Poison(
                        "outcome value not UTF-8",
                        Topics.OUTCOMES,
                        utf8("out-utf-" + run),
                        withByteAfter(outcome("out-utf-" + run), "out-utf-" + run, (byte) 0xFE),
                        "INVALID_ENCODING",
                        "$",
                        false));
        String validApplication = "valid-" + run;
        String validOutcome = "valid-outcome-" + run;
        JsonNode before = stats();

        Map<String, Poison> bySource = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Poison poison : poisons) {
                sends.add(producer.send(new ProducerRecord<>(poison.topic(), 0, poison.key(), poison.value())));
            }
            producer.send(new ProducerRecord<>(
                    Topics.APPLICATIONS, 0, utf8(validApplication), utf8(json(application(validApplication)))));
            producer.send(new ProducerRecord<>(Topics.OUTCOMES, 0, utf8(validOutcome), utf8(outcome(validOutcome))));
            for (int i = 0; i < poisons.size(); i++) {
                bySource.put(source(sends.get(i).get()), poisons.get(i));
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("applications", validApplication)).isEqualTo(1);
            assertThat(count("outcomes", validOutcome)).isEqualTo(1);
        });
        Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(bySource.keySet());
        bySource.forEach((source, poison) -> {
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(source);
            assertThat(deadLetter.topic()).as(poison.name()).isEqualTo(Topics.deadLetter(poison.topic()));
            assertThat(deadLetter.partition()).as(poison.name()).isZero();
            assertThat(header(deadLetter, DeadLetterPublisher.REASON))
                    .as("reason of %s", poison.name())
                    .isEqualTo(poison.reason());
            assertThat(header(deadLetter, DeadLetterPublisher.FIELD))
                    .as("field of %s", poison.name())
                    .isEqualTo(poison.field());
            assertThat(header(deadLetter, DeadLetterPublisher.MESSAGE))
                    .as("message of %s", poison.name())
                    .isNotBlank()
                    .hasSizeLessThan(300)
                    .doesNotContain("\u0000");
            assertThat(deadLetter.key()).as("key of %s", poison.name()).isEqualTo(poison.key());
            assertThat(deadLetter.value()).as("value of %s", poison.name()).isEqualTo(poison.value());
            assertThat(deadLetter.headers().headers("springDeserializerExceptionValue"))
                    .isEmpty();
            assertThat(recordedReason(source))
                    .as("recorded reason of %s", poison.name())
                    .isEqualTo(poison.reason());
        });
        assertThat(header(
                        deadLetters.get(sourceOf(bySource, "10,000-character applicationId")),
                        DeadLetterPublisher.MESSAGE))
                .contains("has 10000 characters; at most 128 are allowed");
        assertThat(header(deadLetters.get(sourceOf(bySource, "NUL in applicationId")), DeadLetterPublisher.MESSAGE))
                .contains("control character U+0000");
        assertThat(header(deadLetters.get(sourceOf(bySource, "value not UTF-8")), DeadLetterPublisher.MESSAGE))
                .contains("not valid UTF-8");

        JsonNode after = stats();
        long namingThePortfolio =
                poisons.stream().filter(Poison::countedForPortfolio).count();
        assertThat(after.get("deadLettered").asLong()
                        - before.get("deadLettered").asLong())
                .isEqualTo(namingThePortfolio);
        assertThat(after.get("applications").asLong()
                        - before.get("applications").asLong())
                .isEqualTo(1);
        assertThat(after.get("outcomes").asLong() - before.get("outcomes").asLong())
                .isEqualTo(1);
        assertThat(count("applications", "key-" + run)).isZero();
    }

    @Test
    void isolatesTheRecordPostgresRefusesInA2000RecordBatchAndStoresTheOthers() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> ids = IntStream.range(0, 2_000)
                .mapToObj(i -> "batch-" + run + "-" + i)
                .toList();
        String badApplication = ids.get(1_000);
        String badOutcome = ids.get(999);
        JsonNode before = stats();

        // published while the consumers stand still, so that they meet the records as one batch per topic
        listeners.getListenerContainers().forEach(c -> c.stop());
        Map<String, String> expectedReasons = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            List<Future<RecordMetadata>> refused = new ArrayList<>();
            for (String id : ids) {
                Payloads application = application(id);
                if (id.equals(badApplication)) {
                    application.field("submittedAt", BEYOND_POSTGRES);
                }
                Future<RecordMetadata> sent =
                        producer.send(new ProducerRecord<>(Topics.APPLICATIONS, 0, utf8(id), utf8(json(application))));
                if (id.equals(badApplication)) {
                    refused.add(sent);
                }
            }
            for (String id : ids) {
                String outcome = id.equals(badOutcome) ? outcome(id, BEYOND_POSTGRES) : outcome(id);
                Future<RecordMetadata> sent =
                        producer.send(new ProducerRecord<>(Topics.OUTCOMES, 0, utf8(id), utf8(outcome)));
                if (id.equals(badOutcome)) {
                    refused.add(sent);
                    // an identical copy right behind it: a replay of a record that was not stored
                    refused.add(producer.send(new ProducerRecord<>(Topics.OUTCOMES, 0, utf8(id), utf8(outcome))));
                }
            }
            for (Future<RecordMetadata> sent : refused) {
                expectedReasons.put(source(sent.get()), "REJECTED_BY_DATABASE");
            }
        } finally {
            listeners.getListenerContainers().forEach(c -> c.start());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(countOf("applications", ids)).isEqualTo(1_999);
            assertThat(countOf("outcomes", ids)).isEqualTo(1_999);
        });
        assertThat(count("applications", badApplication)).isZero();
        assertThat(count("outcomes", badOutcome)).isZero();
        Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(expectedReasons.keySet());
        deadLetters.forEach((source, deadLetter) -> {
            assertThat(header(deadLetter, DeadLetterPublisher.REASON)).isEqualTo("REJECTED_BY_DATABASE");
            assertThat(header(deadLetter, DeadLetterPublisher.MESSAGE))
                    .startsWith("PostgreSQL refused the record (SQLSTATE 22")
                    .contains("out of range");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains(BEYOND_POSTGRES);
            assertThat(recordedReason(source)).isEqualTo("REJECTED_BY_DATABASE");
        });
        assertThat(deadLetters).hasSize(3);
        JsonNode after = stats();
        assertThat(after.get("applications").asLong()
                        - before.get("applications").asLong())
                .isEqualTo(1_999);
        assertThat(after.get("outcomes").asLong() - before.get("outcomes").asLong())
                .isEqualTo(1_999);
        assertThat(after.get("deadLettered").asLong()
                        - before.get("deadLettered").asLong())
                .isEqualTo(3);
    }

    /** A record that must be dead-lettered, as sent, with the reason and field its dead letter must name. */
    private record Poison(
            String name,
            String topic,
            byte[] key,
            byte[] value,
            String reason,
            String field,
            boolean countedForPortfolio) {

        static Poison application(String name, String json, String reason, String field, boolean counted) {
            return new Poison(name, Topics.APPLICATIONS, utf8(name), utf8(json), reason, field, counted);
        }

        static Poison outcome(String name, String json, boolean counted) {
            return new Poison(
                    name, Topics.OUTCOMES, utf8(name), utf8(json), "INVALID_IDENTIFIER", "applicationId", counted);
        }
    }

    private static Payloads application(String id) {
        return Payloads.application(id).field("portfolio", PORTFOLIO);
    }

    private static String json(Payloads payload) {
        return payload.json();
    }

    private static String outcome(String id) {
        return outcome(id, "2027-05-01T00:00:00Z");
    }

    private static String outcome(String id, String observedAt) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("applicationId", id);
        outcome.put("portfolio", PORTFOLIO);
        outcome.put("defaulted", true);
        outcome.put("observedAt", observedAt);
        return CreditJson.json().writeValueAsString(outcome);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON's UTF-8 bytes with one more byte right after the first occurrence of a marker. */
    private static byte[] withByteAfter(String json, String marker, byte extra) {
        int at = json.indexOf(marker) + marker.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(json.substring(0, at)));
        out.write(extra);
        out.writeBytes(utf8(json.substring(at)));
        return out.toByteArray();
    }

    private static KafkaProducer<byte[], byte[]> bytesProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props);
    }

    private static String source(RecordMetadata sent) {
        return source(sent.topic(), sent.partition(), sent.offset());
    }

    private static String source(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    private static String sourceOf(Map<String, Poison> bySource, String name) {
        return bySource.entrySet().stream()
                .filter(e -> e.getValue().name().equals(name))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** Reads both dead-letter topics until a dead letter of every source record has been seen, by source. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> readDeadLetters(Set<String> sources) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, ConsumerRecord<byte[], byte[]>> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.APPLICATIONS), Topics.deadLetter(Topics.OUTCOMES)));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String source = source(
                            header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                            ByteBuffer.wrap(headerBytes(record, KafkaHeaders.DLT_ORIGINAL_PARTITION))
                                    .getInt(),
                            ByteBuffer.wrap(headerBytes(record, KafkaHeaders.DLT_ORIGINAL_OFFSET))
                                    .getLong());
                    if (sources.contains(source)) {
                        assertThat(seen.put(source, record))
                                .as("dead letters of %s", source)
                                .isNull();
                    }
                }
                return seen.keySet().containsAll(sources);
            });
        }
        return seen;
    }

    private static byte[] headerBytes(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        byte[] value = headerBytes(record, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private String recordedReason(String source) {
        String[] parts = source.split("[/@]");
        return jdbc.sql("""
                        select reason from ingestion.dead_letters
                        where source_topic = ? and source_partition = ? and source_offset = ?""")
                .params(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private JsonNode stats() {
        return ServiceClient.onPort(port)
                .get("/v1/portfolios/" + PORTFOLIO + "/stats")
                .getBody();
    }

    private long count(String table, String id) {
        return jdbc.sql("select count(*) from ingestion." + table + " where portfolio = ? and application_id = ?")
                .params(PORTFOLIO, id)
                .query(Long.class)
                .single();
    }

    private long countOf(String table, List<String> ids) {
        return jdbc.sql("select count(*) from ingestion." + table + " where portfolio = ? and application_id = any(?)")
                .params(PORTFOLIO, ids.toArray(String[]::new))
                .query(Long.class)
                .single();
    }
}
