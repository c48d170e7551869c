package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.ReasonCode;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** The decision log as stored and read back: decisions per application, and outcomes per portfolio. */
@DriftMonitorTest
class DecisionLogTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Test
    void servesTheLoggedDecisionsOfAnApplicationNewestFirstWithReasonsAndFeatures() {
        String portfolio = "taiwan-decisions";
        String other = "taiwan-decisions-other";
        TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
        TaiwanFixture.registerModel(jdbc, portfolio, 2, 0.72, TaiwanFixture.rows(0, 300));
        TaiwanFixture.registerModel(jdbc, other, 1, 0.72, TaiwanFixture.rows(0, 300));
        TaiwanFixture.Row row = TaiwanFixture.rows(28_500, 28_501).getFirst();
        Instant firstScored = Instant.parse("2026-11-02T09:15:00.123456Z");
        ScoringEvent declined = new ScoringEvent(
                UUID.randomUUID().toString(),
                "app-1",
                portfolio,
                1,
                Algorithm.XGBOOST,
                row.features(),
                0.61,
                540,
                Decision.DECLINE,
                List.of(
                        new ReasonCode("PAY_0", "Recent payment delay", 1.25),
                        new ReasonCode("LIMIT_BAL", "Low credit limit", 0.4)),
                800,
                firstScored);
        ScoringEvent approved = new ScoringEvent(
                UUID.randomUUID().toString(),
                "app-1",
                portfolio,
                2,
                Algorithm.LOGISTIC_REGRESSION,
                row.features(),
                0.12,
                690,
                Decision.APPROVE,
                List.of(),
                700,
                firstScored.plus(Duration.ofDays(1)));
        ScoringEvent otherPortfolios = TaiwanFixture.event(other, 1, row, "app-1");
        ScoringEvent otherApplication = TaiwanFixture.event(portfolio, 1, row, "app-2");
        // logged in another order than scored: the answer is ordered by the time of the decision
        for (ScoringEvent event : List.of(approved, otherPortfolios, otherApplication, declined)) {
            kafka.send(Topics.SCORING_EVENTS, event.applicationId(), event);
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(portfolio) == 3 && storedEvents(other) == 1);

        ResponseEntity<JsonNode> answer = client().get("/v1/portfolios/" + portfolio + "/decisions/app-1");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode decisions = answer.getBody();
        assertThat(decisions).hasSize(2);
        JsonNode newest = decisions.get(0);
        assertThat(newest.get("eventId").asString()).isEqualTo(approved.eventId());
        assertThat(newest.get("modelVersion").asInt()).isEqualTo(2);
        assertThat(newest.get("decision").asString()).isEqualTo("APPROVE");
        assertThat(newest.get("reasons")).isEmpty();
        assertThat(newest.get("scoredAt").asString()).isEqualTo("2026-11-03T09:15:00.123456Z");
        JsonNode oldest = decisions.get(1);
        assertThat(oldest.get("eventId").asString()).isEqualTo(declined.eventId());
        assertThat(oldest.get("portfolio").asString()).isEqualTo(portfolio);
        assertThat(oldest.get("applicationId").asString()).isEqualTo("app-1");
        assertThat(oldest.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(oldest.get("algorithm").asString()).isEqualTo("XGBOOST");
        assertThat(oldest.get("probabilityOfDefault").asDouble()).isEqualTo(0.61);
        assertThat(oldest.get("score").asInt()).isEqualTo(540);
        assertThat(oldest.get("decision").asString()).isEqualTo("DECLINE");
        assertThat(oldest.get("scoredAt").asString()).isEqualTo("2026-11-02T09:15:00.123456Z");
        assertThat(oldest.get("reasons")).hasSize(2);
        assertThat(oldest.get("reasons").get(0).get("feature").asString()).isEqualTo("PAY_0");
        assertThat(oldest.get("reasons").get(0).get("reason").asString()).isEqualTo("Recent payment delay");
        assertThat(oldest.get("reasons").get(0).get("contribution").asDouble()).isEqualTo(1.25);
        assertThat(oldest.get("reasons").get(1).get("feature").asString()).isEqualTo("LIMIT_BAL");
        JsonNode features = oldest.get("features");
        assertThat(features.size()).isEqualTo(row.features().size());
        row.features().forEach((name, value) -> {
            if (value instanceof Number number) {
                assertThat(features.get(name).asDouble()).as(name).isEqualTo(number.doubleValue());
            } else {
                assertThat(features.get(name).asString()).as(name).isEqualTo(value.toString());
            }
        });

        assertThat(client().get("/v1/portfolios/" + other + "/decisions/app-1").getBody())
                .hasSize(1);
        ResponseEntity<JsonNode> none = client().get("/v1/portfolios/" + portfolio + "/decisions/app-404");
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(none.getBody().get("detail").asString()).contains("app-404", portfolio);
    }

    @Test
    void outcomesOfTwoPortfoliosWithTheSameApplicationIdsStaySeparate() {
        String first = "taiwan-outcomes-a";
        String second = "taiwan-outcomes-b";
        List<TaiwanFixture.Row> rows = TaiwanFixture.rows(28_600, 28_850);
        for (String portfolio : List.of(first, second)) {
            TaiwanFixture.registerModel(jdbc, portfolio, 1, 0.72, TaiwanFixture.rows(0, 300));
            for (TaiwanFixture.Row row : rows) {
                ScoringEvent event = TaiwanFixture.event(portfolio, 1, row, "shared-" + row.id());
                kafka.send(Topics.SCORING_EVENTS, event.applicationId(), event);
            }
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> storedEvents(first) == rows.size() && storedEvents(second) == rows.size());
        for (String portfolio : List.of(first, second)) {
            assertThat(client().postJson("/v1/portfolios/" + portfolio + "/drift/evaluate", Map.of())
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }

        // the same application ids, opposite outcomes: each portfolio must keep its own
        for (TaiwanFixture.Row row : rows) {
            String id = "shared-" + row.id();
            kafka.send(Topics.OUTCOMES, id, new LoanOutcomeEvent(id, first, row.defaulted(), Instant.now()));
            kafka.send(Topics.OUTCOMES, id, new LoanOutcomeEvent(id, second, !row.defaulted(), Instant.now()));
        }
        kafka.flush();

        double[] probabilities = rows.stream()
                .mapToDouble(r -> TaiwanFixture.probability(r.features()))
                .toArray();
        boolean[] defaulted = new boolean[rows.size()];
        boolean[] opposite = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            defaulted[i] = rows.get(i).defaulted();
            opposite[i] = !defaulted[i];
        }
        assertMaturedAuc(
                first,
                rows.size(),
                ProbabilityMetrics.of(probabilities, defaulted).auc());
        assertMaturedAuc(
                second,
                rows.size(),
                ProbabilityMetrics.of(probabilities, opposite).auc());
        assertThat(jdbc.queryForList(
                        "select portfolio || ':' || defaulted from monitoring.outcomes where application_id = ?",
                        String.class,
                        "shared-" + rows.getFirst().id()))
                .containsExactlyInAnyOrder(
                        first + ":" + rows.getFirst().defaulted(),
                        second + ":" + !rows.getFirst().defaulted());
    }

    private void assertMaturedAuc(String portfolio, int rows, double expectedAuc) {
        JsonNode latest = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> client().get("/v1/portfolios/" + portfolio + "/drift/latest")
                                .getBody(),
                        l -> l.get("performance").has("maturedRows")
                                && l.get("performance").get("maturedRows").asInt() == rows);
        assertThat(latest.get("performance").get("auc").asDouble())
                .as("matured AUC of %s", portfolio)
                .isCloseTo(expectedAuc, offset(1e-9));
    }

    private int storedEvents(String portfolio) {
        return jdbc.queryForObject(
                "select count(*) from monitoring.scoring_events where portfolio = ?", Integer.class, portfolio);
    }

    private ServiceClient client() {
        return ServiceClient.onPort(port);
    }
}
