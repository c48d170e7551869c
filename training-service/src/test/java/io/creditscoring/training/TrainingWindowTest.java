package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.JsonNode;

/**
 * A drift-triggered retrain learns from the outcomes observed in the last {@code training.window.retrains} (365 days)
 * and says which window it read; a manual run reads every labelled application.
 */
@TrainingServiceTest
class TrainingWindowTest {

    private static final Instant NOW = Instant.now();

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    KafkaOperations<Object, Object> kafka;

    ServiceClient client;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        client = ServiceClient.onPort(port);
        jdbc = new JdbcTemplate(SharedPostgres.dataSource());
    }

    /** {@code old} outcomes observed 800 days ago, {@code recent} ones 30 days ago. */
    private void portfolio(String portfolio, int old, int recent) {
        catalog.registerIfAbsent(SyntheticCredit.schema(portfolio));
        LabelledDataFixture.insert(
                portfolio, SyntheticCredit.fixtureRows("old-", old, 1), NOW.minus(800, ChronoUnit.DAYS));
        LabelledDataFixture.insert(
                portfolio, SyntheticCredit.fixtureRows("recent-", recent, 2), NOW.minus(30, ChronoUnit.DAYS));
    }

    private JsonNode driftRetrain(String portfolio) throws Exception {
        String commandId = "drift-" + UUID.randomUUID();
        kafka.send(
                        Topics.TRAINING_COMMANDS,
                        portfolio,
                        new TrainingCommand(commandId, portfolio, TrainingReason.DRIFT, "drift-monitor", NOW, Map.of()))
                .get();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !jdbc.queryForList(
                                "select run_id from training.runs where command_id = ?", UUID.class, commandId)
                        .isEmpty());
        UUID runId =
                jdbc.queryForObject("select run_id from training.runs where command_id = ?", UUID.class, commandId);
        return BundledRuns.awaitFinished(client, runId);
    }

    @Test
    void aDriftRetrainReadsTheRecentWindowOnlyAndRecordsIt() throws Exception {
        portfolio("window-recent", 300, 400);

        JsonNode run = driftRetrain("window-recent");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(400);
        assertThat(run.get("trainingRows").asInt() + run.get("testRows").asInt())
                .isEqualTo(400);
        Instant requested = Instant.parse(run.get("createdAt").asString());
        JsonNode window = run.get("trainingWindow");
        assertThat(Instant.parse(window.get("to").asString())).isEqualTo(requested);
        assertThat(Instant.parse(window.get("from").asString())).isEqualTo(requested.minus(365, ChronoUnit.DAYS));
        assertThat(window.get("basis").asString()).contains("observedAt");
    }

    @Test
    void aManualRunReadsEveryLabelledApplication() {
        portfolio("window-manual", 300, 400);

        UUID runId = BundledRuns.start(client, "window-manual", "{\"algorithms\": [\"LOGISTIC_REGRESSION\"]}");
        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(700);
        assertThat(run.get("trainingWindow").isNull()).isTrue();
    }

    @Test
    void anOutcomeWithoutAnObservationTimeCountsFromWhenItWasStored() throws Exception {
        catalog.registerIfAbsent(SyntheticCredit.schema("window-stored"));
        LabelledDataFixture.insert(
                "window-stored", SyntheticCredit.fixtureRows("old-", 300, 1), NOW.minus(800, ChronoUnit.DAYS));
        LabelledDataFixture.insert("window-stored", SyntheticCredit.fixtureRows("unknown-", 250, 3), null);

        JsonNode run = driftRetrain("window-stored");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(250);
    }

    @Test
    void aWindowWithTooFewRowsFailsTheRetrainAndSaysWhy() throws Exception {
        portfolio("window-sparse", 600, 50);

        JsonNode run = driftRetrain("window-sparse");

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failureReason").asString())
                .contains("has 50 labelled rows", "with outcomes observed from", "training.window.retrains");
        assertThat(run.get("trainingWindow").isNull()).isFalse();
    }
}
