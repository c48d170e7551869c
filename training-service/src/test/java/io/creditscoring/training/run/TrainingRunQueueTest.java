package io.creditscoring.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.training.BundledRuns;
import io.creditscoring.training.LabelledDataFixture;
import io.creditscoring.training.SmallPortfolio;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.TrainingServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.JsonNode;

/**
 * The durable run queue in the shared context: runs of dead processes are taken back by their lease, the queue's
 * bound answers 429, and a training command that meets a full queue waits for room instead of being lost.
 */
@TrainingServiceTest
@ExtendWith(OutputCaptureExtension.class)
class TrainingRunQueueTest {

    private static final String PORTFOLIO = "queue-loans";
    /** Too few rows: its runs fail fast, so that a queue filled with them drains in moments. */
    private static final String TINY_PORTFOLIO = "queue-tiny-loans";

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    TrainingWorker worker;

    @Autowired
    TrainingProperties properties;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.application.name}")
    String consumerGroup;

    ServiceClient client;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        client = ServiceClient.onPort(port);
        jdbc = new JdbcTemplate(SharedPostgres.dataSource());
        catalog.registerIfAbsent(SmallPortfolio.schema(PORTFOLIO));
        catalog.registerIfAbsent(SmallPortfolio.schema(TINY_PORTFOLIO));
        LabelledDataFixture.insert(PORTFOLIO, SmallPortfolio.rows("queue-", 400, 100));
        LabelledDataFixture.insert(TINY_PORTFOLIO, SmallPortfolio.rows("queue-tiny-", 50, 10));
    }

    @Test
    void aRunLeftRunningByADeadProcessIsRequeuedOnceAndCompletes() {
        UUID runId = runLeftByADeadProcess(1);
        // what the dead attempt had written already; the new attempt starts from a clean record
        jdbc.update("insert into training.run_params (run_id, name, value) values (?, 'stale', 'x')", runId);
        jdbc.update(
                "insert into training.run_models (run_id, algorithm, pipeline_json, details)"
                        + " values (?, 'LOGISTIC_REGRESSION', '{}', '{}')",
                runId);

        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("attempts").asInt()).isEqualTo(2);
        assertThat(run.get("models").findValuesAsString("algorithm")).containsExactly("LOGISTIC_REGRESSION");
        assertThat(jdbc.queryForObject(
                        "select count(*) from training.run_params where run_id = ? and name = 'stale'",
                        Integer.class,
                        runId))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select last_interruption from training.runs where run_id = ?", String.class, runId))
                .contains("attempt 1 of 2 interrupted", "dead-process", "stopped renewing its lease");
    }

    @Test
    void aRunOfADeadProcessOnItsLastAttemptFailsWithTheReason() {
        UUID runId = runLeftByADeadProcess(2);

        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("attempts").asInt()).isEqualTo(2);
        assertThat(run.get("failureReason").asString())
                .contains(
                        "interrupted on its last attempt",
                        "attempt 2 of 2",
                        "dead-process",
                        "stopped renewing its lease");
        assertThat(run.get("models")).isEmpty();
    }

    @Test
    void aFullQueueRefusesRunsWith429AndHoldsCommandsBackUntilThereIsRoom(CapturedOutput output) throws Exception {
        int maxQueued = properties.queue().maxQueued();
        String commandId = "queue-full-" + UUID.randomUUID();
        List<UUID> fillers = new ArrayList<>();
        long commandOffset;
        TopicPartition partition;
        // every worker busy (here: stopped), so that nothing leaves the queue while the test fills it
        worker.stop();
        try {
            while (queued() < maxQueued) {
                fillers.add(BundledRuns.start(client, TINY_PORTFOLIO, "{\"algorithms\": [\"LOGISTIC_REGRESSION\"]}"));
            }

            ResponseEntity<JsonNode> refused = post(PORTFOLIO, "{}");

            assertThat(refused.getStatusCode().value()).isEqualTo(429);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .isEqualTo(Long.toString(properties.queue().retryAfter().toSeconds()));
            assertThat(refused.getBody().get("status").asInt()).isEqualTo(429);
            assertThat(refused.getBody().get("detail").asString()).contains("training.queue.max-queued = " + maxQueued);
            assertThat(queued()).isEqualTo(maxQueued);
            assertThat(meters.get("training.runs.queued").gauge().value()).isEqualTo(maxQueued);

            var sent = kafka.send(Topics.TRAINING_COMMANDS, PORTFOLIO, command(commandId))
                    .get();
            partition = new TopicPartition(
                    sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition());
            commandOffset = sent.getRecordMetadata().offset();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> output.getOut().contains("Training command " + commandId + " held back"));
            // held back, twice at least, and neither stored nor acknowledged meanwhile
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> occurrences(output.getOut(), "Training command " + commandId + " held back") >= 2);
            assertThat(runsOf(commandId)).isEmpty();
            assertThat(committedOffset(partition)).isLessThanOrEqualTo(commandOffset);
        } finally {
            worker.start();
        }

        await().atMost(Duration.ofMinutes(2)).until(() -> runsOf(commandId).size() == 1);
        JsonNode run = BundledRuns.awaitFinished(client, runsOf(commandId).getFirst());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("commandId").asString()).isEqualTo(commandId);
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset(partition) > commandOffset);
        assertThat(runsOf(commandId)).hasSize(1);
        assertThat(deadLetters()).noneMatch(value -> value.contains(commandId));
        for (UUID filler : fillers) {
            assertThat(BundledRuns.awaitFinished(client, filler).get("status").asString())
                    .isEqualTo("FAILED");
        }
    }

    /** A RUNNING row as a process that died during attempt {@code attempt} leaves it: its lease long expired. */
    private UUID runLeftByADeadProcess(int attempt) {
        UUID runId = UUID.randomUUID();
        jdbc.update(
                "insert into training.experiments (portfolio) values (?) on conflict (portfolio) do nothing",
                PORTFOLIO);
        jdbc.update("""
                insert into training.runs (run_id, experiment_id, portfolio, status, reason, requested_by, algorithms,
                                           attempts, claimed_by, heartbeat_at, started_at)
                select ?, experiment_id, portfolio, 'RUNNING', 'MANUAL', 'test', '{LOGISTIC_REGRESSION}',
                       ?, 'dead-process', now() - interval '1 hour', now() - interval '1 hour'
                from training.experiments where portfolio = ?
                """, runId, attempt, PORTFOLIO);
        return runId;
    }

    private ResponseEntity<JsonNode> post(String portfolio, String body) {
        return client.http()
                .post()
                .uri("/v1/portfolios/{p}/training-runs", portfolio)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private int queued() {
        return jdbc.queryForObject("select count(*) from training.runs where status = 'QUEUED'", Integer.class);
    }

    private List<UUID> runsOf(String commandId) {
        return jdbc.queryForList("select run_id from training.runs where command_id = ?", UUID.class, commandId);
    }

    private static TrainingCommand command(String commandId) {
        return new TrainingCommand(
                commandId, PORTFOLIO, TrainingReason.DRIFT, "drift-monitor", Instant.now(), Map.of("windowId", "w"));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /** The next offset the service's consumer group will read on the partition (-1 before any commit). */
    private long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(consumerGroup)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    /** Every value on the commands' dead-letter topic. */
    private static List<String> deadLetters() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            String topic = Topics.deadLetter(Topics.TRAINING_COMMANDS);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return values;
    }
}
