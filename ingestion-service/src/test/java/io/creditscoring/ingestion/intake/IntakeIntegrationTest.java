package io.creditscoring.ingestion.intake;

import static io.creditscoring.ingestion.intake.Payloads.PORTFOLIO;
import static io.creditscoring.ingestion.intake.Payloads.application;
import static io.creditscoring.ingestion.intake.Payloads.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.ingestion.IntakeTestSupport;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.WithRealServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class IntakeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = "ingestion-service";

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    @BeforeEach
    void registerTestPortfolio() {
        catalog.registerIfAbsent(PortfolioSchemaReader.read(Payloads.SCHEMA));
    }

    private static String newId() {
        return "app-" + UUID.randomUUID();
    }

    private void send(String topic, String key, String value) {
        kafka.send(topic, key, value).join();
    }

    private void sendToPartitionZero(String topic, String key, String value) {
        kafka.send(new ProducerRecord<>(topic, 0, key, value)).join();
    }

    private long storedApplications(String id) {
        return jdbc.sql("select count(*) from ingestion.applications where portfolio = ? and application_id = ?")
                .params(PORTFOLIO, id)
                .query(Long.class)
                .single();
    }

    private Map<String, Object> storedApplication(String id) {
        return jdbc.sql("""
                        select features::text as features, raw_payload, source_topic, source_partition,
                               source_offset, submitted_at, schema_version
                        from ingestion.applications where portfolio = ? and application_id = ?""").params(PORTFOLIO, id).query().singleRow();
    }

    private void awaitStored(String... ids) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(storedApplications(id)).as("stored rows of %s", id).isEqualTo(1);
            }
        });
    }

    @Test
    void storesAValidApplicationOnceWithCleanedFeaturesRawPayloadAndSource() {
        String id = newId();
        String payload = application(id)
                .feature("age", " 42 ")
                .feature("sector", "retail ")
                .feature("balance", "-12.50")
                .feature("income", null)
                .field("note", "say \"hi\" from C:\\temp, {braces}")
                .json();
        var sent = kafka.send(Topics.APPLICATIONS, id, payload).join().getRecordMetadata();

        awaitStored(id);

        Map<String, Object> row = storedApplication(id);
        JsonNode features = CreditJson.json().readTree((String) row.get("features"));
        assertThat(features.get("age").asLong()).isEqualTo(42);
        assertThat(features.get("balance").asDouble()).isEqualTo(-12.5);
        assertThat(features.get("sector").asString()).isEqualTo("Retail");
        assertThat(features.get("income").isNull()).isTrue();
        assertThat(row.get("raw_payload")).isEqualTo(payload);
        assertThat(row.get("source_topic")).isEqualTo(Topics.APPLICATIONS);
        assertThat(row.get("source_partition")).isEqualTo(sent.partition());
        assertThat(row.get("source_offset")).isEqualTo(sent.offset());
        assertThat(row.get("schema_version")).isEqualTo(1);
        assertThat(row.get("submitted_at")).isNotNull();
    }

    @Test
    void deadLettersEveryKindOfBadRecordWithItsReasonAndCountsIt() {
        Map<String, BadRecord> bad = new LinkedHashMap<>();
        String conflicted = newId();
        sendToPartitionZero(
                Topics.APPLICATIONS, conflicted, application(conflicted).json());
        awaitStored(conflicted);

        put(bad, new BadRecord(Topics.APPLICATIONS, "{not json", "UNPARSEABLE_JSON", "$"));
        put(bad, new BadRecord(Topics.APPLICATIONS, "[1, 2]", "WRONG_TYPE", "$"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).withoutField("applicationId"), "MISSING_FIELD", "applicationId"));
        put(bad, BadRecord.application(id -> application(id).withoutField("portfolio"), "MISSING_FIELD", "portfolio"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).field("portfolio", "no-such-portfolio"),
                        "UNKNOWN_PORTFOLIO",
                        "portfolio"));
        put(bad, BadRecord.application(id -> application(id).without("age"), "MISSING_FEATURE", "features.age"));
        put(bad, BadRecord.application(id -> application(id).feature("agee", 30), "UNKNOWN_FEATURE", "features.agee"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).feature("balance", "lots"), "WRONG_TYPE", "features.balance"));
        put(bad, BadRecord.application(id -> application(id).feature("age", true), "WRONG_TYPE", "features.age"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).feature("balance", "NaN"), "NOT_FINITE", "features.balance"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).feature("balance", "Infinity"), "NOT_FINITE", "features.balance"));
        put(bad, BadRecord.application(id -> application(id).feature("age", 17), "OUT_OF_RANGE", "features.age"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).feature("sector", "Mining"), "UNKNOWN_CATEGORY", "features.sector"));
        put(
                bad,
                BadRecord.application(
                        id -> application(id).field("submittedAt", "yesterday"), "WRONG_TYPE", "submittedAt"));
        put(bad, BadRecord.application(id -> application(id).field("features", List.of(1)), "WRONG_TYPE", "features"));
        put(bad, BadRecord.application(id -> application(conflicted).feature("age", 99), "CONFLICT", "applicationId"));
        put(bad, new BadRecord(Topics.OUTCOMES, null, "UNPARSEABLE_JSON", "$"));
        put(bad, BadRecord.outcome(id -> outcome(id, "maybe"), "WRONG_TYPE", "defaulted"));
        put(bad, BadRecord.outcome(id -> outcome(id, null), "MISSING_FIELD", "defaulted"));
        double deadLetteredBefore = deadLetteredCount();

        bad.forEach((key, record) -> sendToPartitionZero(record.topic(), key, record.payload()));
        String after = newId();
        sendToPartitionZero(Topics.APPLICATIONS, after, application(after).json());

        awaitStored(after);
        Map<String, ConsumerRecord<String, String>> deadLetters =
                IntakeTestSupport.readDeadLetters(SharedKafka.bootstrapServers(), bad.keySet(), WAIT);
        assertThat(bad.values().stream().map(BadRecord::reason).distinct().count())
                .isGreaterThanOrEqualTo(10);
        bad.forEach((key, expected) -> {
            ConsumerRecord<String, String> deadLetter = deadLetters.get(key);
            assertThat(deadLetter.topic()).isEqualTo(Topics.deadLetter(expected.topic()));
            assertThat(header(deadLetter, DeadLetterPublisher.REASON))
                    .as("reason of %s", key)
                    .isEqualTo(expected.reason());
            assertThat(header(deadLetter, DeadLetterPublisher.FIELD))
                    .as("field of %s", key)
                    .isEqualTo(expected.field());
            assertThat(header(deadLetter, DeadLetterPublisher.MESSAGE)).isNotBlank();
            assertThat(deadLetter.value()).isEqualTo(expected.payload());
        });
        Map<String, String> recordedReasons = jdbc
                .sql("select payload, reason from ingestion.dead_letters where payload = any(?)")
                .param(bad.values().stream()
                        .map(BadRecord::payload)
                        .filter(p -> p != null)
                        .toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        bad.values().stream()
                .filter(b -> b.payload() != null)
                .forEach(b -> assertThat(recordedReasons.get(b.payload()))
                        .as("recorded reason of %s", b.payload())
                        .isEqualTo(b.reason()));
        assertThat(deadLetteredCount() - deadLetteredBefore).isGreaterThanOrEqualTo(bad.size());
        JsonNode kept = CreditJson.json()
                .readTree((String) storedApplication(conflicted).get("features"));
        assertThat(kept.get("age").asLong()).isEqualTo(30);
    }

    @Test
    void identicalReplayChangesNothing() {
        String id = newId();
        String payload = application(id).json();
        send(Topics.APPLICATIONS, id, payload);
        awaitStored(id);
        Map<String, Object> first = storedApplication(id);
        long deadLettersBefore = deadLetters(PORTFOLIO);

        send(Topics.APPLICATIONS, id, payload);
        send(
                Topics.APPLICATIONS,
                id,
                application(id).feature("age", "30").feature("sector", "RETAIL").json());
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, WAIT);

        assertThat(storedApplications(id)).isEqualTo(1);
        assertThat(storedApplication(id)).isEqualTo(first);
        assertThat(deadLetters(PORTFOLIO)).isEqualTo(deadLettersBefore);
    }

    @Test
    void keepsAnOutcomeThatArrivesBeforeItsApplicationAndCountsThePairAsLabeled() {
        ServiceClient client = ServiceClient.onPort(port);
        JsonNode before = client.get("/v1/portfolios/" + PORTFOLIO + "/stats").getBody();
        String id = newId();

        send(Topics.OUTCOMES, id, outcome(id, true));
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from ingestion.outcomes where application_id = ?")
                                .param(id)
                                .query(Long.class)
                                .single()
                        == 1);
        send(Topics.APPLICATIONS, id, application(id).json());
        awaitStored(id);

        JsonNode after = client.get("/v1/portfolios/" + PORTFOLIO + "/stats").getBody();
        assertThat(after.get("outcomes").asLong() - before.get("outcomes").asLong())
                .isEqualTo(1);
        assertThat(after.get("applications").asLong()
                        - before.get("applications").asLong())
                .isEqualTo(1);
        assertThat(after.get("labeled").asLong() - before.get("labeled").asLong())
                .isEqualTo(1);
        assertThat(jdbc.sql("select defaulted from ingestion.outcomes where application_id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aFullReplayFromOffsetZeroAddsNothing() throws Exception {
        String id = newId();
        send(Topics.APPLICATIONS, id, application(id).feature("age", 15).json());
        send(Topics.OUTCOMES, id, outcome(id, false));
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, WAIT);
        Map<String, Long> before = tableCounts();
        long deadLetterTopicBefore = IntakeTestSupport.deadLetterTopicSize(SharedKafka.bootstrapServers());
        assertThat(before.get("dead_letters")).isPositive();

        listeners.getListenerContainers().forEach(c -> c.stop());
        try (Admin admin = IntakeTestSupport.admin(SharedKafka.bootstrapServers())) {
            Map<TopicPartition, OffsetAndMetadata> zero = IntakeTestSupport.partitions(admin).stream()
                    .collect(Collectors.toMap(Function.identity(), p -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(GROUP, zero).all().get();
            assertThat(IntakeTestSupport.lag(admin, GROUP)).isPositive();
        } finally {
            listeners.getListenerContainers().forEach(c -> c.start());
        }
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, Duration.ofSeconds(60));

        assertThat(tableCounts()).isEqualTo(before);
        assertThat(IntakeTestSupport.deadLetterTopicSize(SharedKafka.bootstrapServers()))
                .isEqualTo(deadLetterTopicBefore);
    }

    @Test
    void exposesIntakeMetricsAndConsumerLag() {
        String id = newId();
        send(Topics.APPLICATIONS, id, application(id).json());
        awaitStored(id);

        String prometheus = ServiceClient.onPort(port).getText("/actuator/prometheus");
        assertThat(prometheus)
                .contains("ingestion_records_consumed_total{")
                .contains("ingestion_records_stored_total{")
                .contains("ingestion_batch_write_seconds_count{")
                .contains("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void answersNotFoundForTheStatsOfAnUnknownPortfolio() {
        assertThat(ServiceClient.onPort(port)
                        .get("/v1/portfolios/nobody/stats")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private long deadLetters(String portfolio) {
        return jdbc.sql("select count(*) from ingestion.dead_letters where portfolio = ?")
                .param(portfolio)
                .query(Long.class)
                .single();
    }

    private Map<String, Long> tableCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("applications", "outcomes", "dead_letters")) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from ingestion." + table)
                            .query(Long.class)
                            .single());
        }
        return counts;
    }

    private double deadLetteredCount() {
        return meters.find("ingestion.records.dead.lettered").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static void put(Map<String, BadRecord> bad, BadRecord record) {
        bad.put("bad-" + UUID.randomUUID(), record);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A bad record, and the reason and field its dead letter must name. */
    private record BadRecord(String topic, String payload, String reason, String field) {

        static BadRecord application(Function<String, Payloads> payload, String reason, String field) {
            return new BadRecord(Topics.APPLICATIONS, payload.apply(newId()).json(), reason, field);
        }

        static BadRecord outcome(Function<String, String> payload, String reason, String field) {
            return new BadRecord(Topics.OUTCOMES, payload.apply(newId()), reason, field);
        }
    }
}
