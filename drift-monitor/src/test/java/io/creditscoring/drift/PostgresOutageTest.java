package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.RestartablePostgres;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL is stopped while scoring events and outcomes keep arriving, then started again: nothing may be
 * dead-lettered for the outage, and every record must be stored exactly once afterwards. The monitor gets a
 * PostgreSQL server of its own (the shared one must stay up for the other tests) and a consumer group of its own
 * that starts at the end of the shared topics.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=" + DriftMonitorApplication.CONFIG_NAME,
            "drift.consumer.group-id=" + PostgresOutageTest.GROUP,
            "drift.consumer.auto-startup=false",
            "drift.consumer.outage-retry.max-interval=1s",
            "spring.datasource.hikari.connection-timeout=1000"
        })
@DirtiesContext
class PostgresOutageTest {

    static final String GROUP = "drift-outage-test";
    private static final String PORTFOLIO = "taiwan-outage";
    private static final int PER_PHASE = 100;

    private static RestartablePostgres postgres;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) {
        postgres = RestartablePostgres.start();
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void storesEveryEventAndOutcomeExactlyOnceAfterPostgresWasDownMidStream() throws Exception {
        TaiwanFixture.registerModel(jdbc, PORTFOLIO, 1, 0.72, TaiwanFixture.rows(0, 300));
        // the module's shared context consumes the same topics in its own group, now or when it resumes: it must
        // know the model too, or it would dead-letter these records one by one ahead of the other tests' records
        SharedPostgres.migrate("registry");
        TaiwanFixture.registerModel(
                new JdbcTemplate(SharedPostgres.dataSource()), PORTFOLIO, 1, 0.72, TaiwanFixture.rows(0, 300));
        startConsumersAtTheEndOfTheTopics();
        List<ScoringEvent> events = TaiwanFixture.rows(28_000, 28_000 + 2 * PER_PHASE).stream()
                .map(row -> TaiwanFixture.event(PORTFOLIO, 1, row))
                .toList();

        publish(events.subList(0, PER_PHASE));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> storedEvents() == PER_PHASE && storedOutcomes() == PER_PHASE);

        postgres.stop();
        publish(events.subList(PER_PHASE, events.size()));
        // both listeners keep failing on the outage for several seconds: before, three failures in about a second
        // sent a record to the dead-letter topic
        await().atMost(Duration.ofSeconds(60))
                .until(() -> outageRetries(Topics.SCORING_EVENTS) >= 5 && outageRetries(Topics.OUTCOMES) >= 5);
        postgres.startAgain();

        // the probe shares the service's pool, which may still be reconnecting when PostgreSQL is back
        await().atMost(Duration.ofSeconds(90))
                .ignoreExceptionsInstanceOf(DataAccessException.class)
                .untilAsserted(() -> assertThat(List.of(storedEvents(), storedOutcomes()))
                        .as("scoring events and outcomes stored")
                        .containsExactly((long) events.size(), (long) events.size()));
        awaitCaughtUp(Duration.ofSeconds(60));

        assertThat(jdbc.queryForList(
                        "select event_id from monitoring.scoring_events where portfolio = ?", String.class, PORTFOLIO))
                .containsExactlyInAnyOrderElementsOf(
                        events.stream().map(ScoringEvent::eventId).toList());
        assertThat(jdbc.queryForList(
                        "select application_id from monitoring.outcomes where portfolio = ?", String.class, PORTFOLIO))
                .containsExactlyInAnyOrderElementsOf(
                        events.stream().map(ScoringEvent::applicationId).toList());
        // only this group's dead letters count: the shared context has a database of its own
        Set<String> ours = events.stream().map(ScoringEvent::applicationId).collect(Collectors.toSet());
        assertThat(Stream.of(Topics.SCORING_EVENTS, Topics.OUTCOMES)
                        .flatMap(topic -> TopicRecords.all(Topics.deadLetter(topic)).stream())
                        .filter(r -> ours.contains(r.key()) && GROUP.equals(originalGroup(r)))
                        .toList())
                .as("this group's dead letters of this test's records")
                .isEmpty();
    }

    private static String originalGroup(ConsumerRecord<String, byte[]> deadLetter) {
        Header group = deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        return group == null ? null : new String(group.value(), StandardCharsets.UTF_8);
    }

    /** Sends each event and an outcome for its application, and waits for the broker's acknowledgements. */
    private void publish(List<ScoringEvent> events) {
        CompletableFuture<?>[] sends = events.stream()
                .flatMap(e -> Stream.of(
                        kafka.send(Topics.SCORING_EVENTS, e.applicationId(), e),
                        kafka.send(
                                Topics.OUTCOMES,
                                e.applicationId(),
                                new LoanOutcomeEvent(e.applicationId(), PORTFOLIO, false, Instant.now()))))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
    }

    private long storedEvents() {
        return jdbc.queryForObject(
                "select count(*) from monitoring.scoring_events where portfolio = ?", Long.class, PORTFOLIO);
    }

    private long storedOutcomes() {
        return jdbc.queryForObject(
                "select count(*) from monitoring.outcomes where portfolio = ?", Long.class, PORTFOLIO);
    }

    private double outageRetries(String topic) {
        var counter =
                meters.find("drift.storage.outage.retries").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The group skips what other tests published before, then this context's listeners start. */
    private void startConsumersAtTheEndOfTheTopics() throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = endOffsets(admin).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
            admin.alterConsumerGroupOffsets(GROUP, start).all().get();
        }
        listeners.getListenerContainers().forEach(c -> c.start());
    }

    /** Waits until the group has committed every record of both topics: nothing is left to be retried. */
    private void awaitCaughtUp(Duration timeout) {
        try (Admin admin = admin()) {
            await().atMost(timeout).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get();
                return endOffsets(admin).entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() == e.getValue());
            });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest =
                admin
                        .describeTopics(List.of(Topics.SCORING_EVENTS, Topics.OUTCOMES))
                        .allTopicNames()
                        .get()
                        .values()
                        .stream()
                        .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
    }
}
