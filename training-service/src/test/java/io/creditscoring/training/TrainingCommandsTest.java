package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.training.command.ScheduledRetrainPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;

/** Runs started from the command topic: idempotent by command id, and the schedule goes through the topic. */
@TrainingServiceTest
class TrainingCommandsTest {

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    @Autowired
    ScheduledRetrainPublisher schedule;

    ServiceClient client;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        client = ServiceClient.onPort(port);
        jdbc = new JdbcTemplate(SharedPostgres.dataSource());
        BundledRuns.load(catalog);
    }

    private List<UUID> runsOf(String commandId) {
        return jdbc.queryForList("select run_id from training.runs where command_id = ?", UUID.class, commandId);
    }

    @Test
    void aCommandDeliveredTwiceStartsOneRun() throws Exception {
        String commandId = "drift-" + UUID.randomUUID();
        TrainingCommand command = new TrainingCommand(
                commandId,
                BundledPortfolios.GERMAN_LOANS,
                TrainingReason.DRIFT,
                "drift-monitor",
                Instant.now(),
                Map.of("windowId", "w-1"));

        kafka.send(Topics.TRAINING_COMMANDS, command.portfolio(), command).get();
        kafka.send(Topics.TRAINING_COMMANDS, command.portfolio(), command).get();

        await().atMost(Duration.ofSeconds(60)).until(() -> runsOf(commandId).size() == 1);
        UUID runId = runsOf(commandId).getFirst();
        var run = BundledRuns.awaitFinished(client, runId);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("reason").asString()).isEqualTo("DRIFT");
        assertThat(run.get("commandId").asString()).isEqualTo(commandId);
        assertThat(run.get("models")).hasSize(3);
        // the second delivery has been consumed too (offsets committed past both records), and changed nothing
        kafka.send(Topics.TRAINING_COMMANDS, command.portfolio(), command).get();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> runsOf(commandId).size() == 1);
    }

    @Test
    void theScheduleRetrainsThroughTheCommandTopic() {
        List<TrainingCommand> published = schedule.publish(List.of(BundledPortfolios.GERMAN_LOANS));

        String commandId = published.getFirst().commandId();
        assertThat(commandId).startsWith("scheduled:german-loans:");
        await().atMost(Duration.ofSeconds(60)).until(() -> runsOf(commandId).size() == 1);
        var run = BundledRuns.awaitFinished(client, runsOf(commandId).getFirst());
        assertThat(run.get("reason").asString()).isEqualTo("SCHEDULED");
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aCommandForAnUnknownPortfolioGoesToTheDeadLetterTopicAndStartsNothing() throws Exception {
        String commandId = "bad-" + UUID.randomUUID();
        kafka.send(
                        Topics.TRAINING_COMMANDS,
                        "nowhere",
                        new TrainingCommand(
                                commandId, "nowhere", TrainingReason.MANUAL, "test", Instant.now(), Map.of()))
                .get();

        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", io.creditscoring.testsupport.SharedKafka.bootstrapServers(),
                "group.id", "dlt-check-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName(),
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName()));
        try (consumer) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.TRAINING_COMMANDS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(commandId)) {
                        return true;
                    }
                }
                return false;
            });
        }
        assertThat(runsOf(commandId)).isEmpty();
    }
}
