package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.testsupport.ServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Bad input: unknown portfolios, invalid overrides, too little data; a failed run never takes the service down. */
@TrainingServiceTest
class TrainingRunFailuresTest {

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    MeterRegistry meters;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
    }

    private static PortfolioSchema smallSchema(String portfolio) {
        return SmallPortfolio.schema(portfolio);
    }

    /** {@code rows} applications, the first {@code defaults} of them defaulted. */
    private static List<LabelledDataFixture.Row> rows(String prefix, int rows, int defaults) {
        return SmallPortfolio.rows(prefix, rows, defaults);
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

    @Test
    void unknownPortfolioIsNotFound() {
        ResponseEntity<JsonNode> response = post("no-such-portfolio", "{}");

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asString()).contains("no-such-portfolio");
    }

    @Test
    void invalidOverrideIsRejectedNamingTheParameter() {
        catalog.registerIfAbsent(smallSchema("override-loans"));

        ResponseEntity<JsonNode> outOfRange = post("override-loans", "{\"params\": {\"xgboost.maxDepth\": 0}}");
        ResponseEntity<JsonNode> unknown = post("override-loans", "{\"params\": {\"xgboost.depth\": 3}}");
        ResponseEntity<JsonNode> notANumber =
                post("override-loans", "{\"params\": {\"logisticRegression.lambda\": \"x\"}}");

        assertThat(outOfRange.getStatusCode().value()).isEqualTo(400);
        assertThat(outOfRange.getBody().get("errors").findValuesAsString("field"))
                .containsExactly("params.xgboost.maxDepth");
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().get("detail").asString()).contains("xgboost.depth");
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
        assertThat(notANumber.getBody().get("errors").toString()).contains("logisticRegression.lambda");
    }

    @Test
    void unknownAlgorithmIsRejected() {
        catalog.registerIfAbsent(smallSchema("algorithm-loans"));

        ResponseEntity<JsonNode> response = post("algorithm-loans", "{\"algorithms\": [\"RANDOM_FOREST\"]}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().get("errors").toString()).contains("algorithms", "RANDOM_FOREST");
    }

    @Test
    void tooFewLabelledRowsFailFastCountingEachClass() {
        catalog.registerIfAbsent(smallSchema("tiny-loans"));
        LabelledDataFixture.insert("tiny-loans", rows("tiny-", 50, 10));

        UUID runId = BundledRuns.start(client, "tiny-loans", "{}");
        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failureReason").asString()).contains("50 labelled rows", "10 defaults", "40 non-defaults");
        assertThat(client.get("/actuator/health").getBody().get("status").asString())
                .isEqualTo("UP");
        // the failed-run alert's counter: the failure counted, the success counter present at 0, the run timed
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.get("training.runs")
                            .tags("portfolio", "tiny-loans", "status", "FAILED")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("training.runs")
                            .tags("portfolio", "tiny-loans", "status", "SUCCEEDED")
                            .counter()
                            .count())
                    .isZero();
            assertThat(meters.get("training.run")
                            .tags("portfolio", "tiny-loans")
                            .timer()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void aSingleClassFailsFastCountingEachClass() {
        catalog.registerIfAbsent(smallSchema("good-only-loans"));
        LabelledDataFixture.insert("good-only-loans", rows("good-", 400, 0));

        UUID runId = BundledRuns.start(client, "good-only-loans", "{}");
        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failureReason").asString()).contains("400 labelled rows", "0 defaults", "400 non-defaults");
        assertThat(client.get("/v1/training-runs/" + runId + "/report")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void unknownRunIsNotFound() {
        assertThat(client.get("/v1/training-runs/" + UUID.randomUUID())
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void aRunWithOverridesTracksThemAndTrainsOnlyTheAlgorithmsAsked() {
        catalog.registerIfAbsent(smallSchema("override-run-loans"));
        LabelledDataFixture.insert("override-run-loans", rows("ov-", 400, 100));

        UUID runId = BundledRuns.start(
                client,
                "override-run-loans",
                "{\"algorithms\": [\"LOGISTIC_REGRESSION\"], \"params\": {\"logisticRegression.lambda\": 2.5}}");
        JsonNode run = BundledRuns.awaitFinished(client, runId);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("models").findValuesAsString("algorithm")).containsExactly("LOGISTIC_REGRESSION");
        assertThat(run.get("selectedAlgorithm").asString()).isEqualTo("LOGISTIC_REGRESSION");
        Double lambda = new org.springframework.jdbc.core.JdbcTemplate(
                        io.creditscoring.testsupport.SharedPostgres.dataSource())
                .queryForObject(
                        "select value::float8 from training.run_params where run_id = ? and name = ?",
                        Double.class,
                        runId,
                        "logisticRegression.lambda");
        assertThat(lambda).isEqualTo(2.5);
    }
}
