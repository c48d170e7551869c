package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

@ScoringApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogisticRegressionScoringTest {

    static final String PORTFOLIO = "taiwan-lr";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    ModelPipeline pipeline = TaiwanFixtures.logisticRegression(PORTFOLIO, -1.6);
    PipelineEvaluator evaluator = new PipelineEvaluator(pipeline);
    ScoringClient api;

    @BeforeAll
    void promoteALogisticRegressionChampion() {
        api = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        var registry = new ModelRegistryFixture(jdbc, kafka);
        registry.register(
                1,
                pipeline,
                TaiwanFixtures.schema(PORTFOLIO),
                PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel) pipeline.model()));
        registry.promote(PORTFOLIO, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Integer.valueOf(1).equals(models.servedVersions().get(PORTFOLIO)));
    }

    @Test
    void scoresOneApplicationWithTheContractFields() {
        var response = api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("app-lr-1", TaiwanFixtures.riskyApplicant()));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = response.getBody();
        assertThat(body.propertyNames())
                .containsExactly(
                        "applicationId",
                        "portfolio",
                        "modelVersion",
                        "algorithm",
                        "probabilityOfDefault",
                        "score",
                        "decision",
                        "reasons",
                        "scoredAt");
        double expected = evaluator.probability(normalised(TaiwanFixtures.riskyApplicant()));
        assertThat(body.get("applicationId").asString()).isEqualTo("app-lr-1");
        assertThat(body.get("portfolio").asString()).isEqualTo(PORTFOLIO);
        assertThat(body.get("modelVersion").asInt()).isEqualTo(1);
        assertThat(body.get("algorithm").asString()).isEqualTo("LOGISTIC_REGRESSION");
        assertThat(body.get("probabilityOfDefault").asDouble()).isCloseTo(expected, within(1e-6));
        double odds = (1 - expected) / expected;
        long points = Math.round(600 + 20 / Math.log(2) * Math.log(odds / 50));
        assertThat(body.get("score").asLong()).isEqualTo(points);
        assertThat(body.get("decision").asString()).isEqualTo(expected >= 0.3 ? "DECLINE" : "REFER");
        assertThat(body.get("scoredAt").asString()).endsWith("Z");
    }

    @Test
    void reasonsAreTheExactLinearTermsOfTheFeaturesThatRaisedTheRisk() {
        Map<String, Object> applicant = TaiwanFixtures.riskyApplicant();
        JsonNode body = api.post(
                        "/v1/portfolios/" + PORTFOLIO + "/score", TaiwanFixtures.request("app-lr-2", applicant))
                .getBody();

        double[] w = ((LinearModel) pipeline.model()).weights();
        double[] x = evaluator.vector(normalised(applicant));
        Map<String, Double> terms = Map.of(
                "LIMIT_BAL", w[0] * x[0],
                "PAY_0", w[1] * x[1],
                "BILL_AMT1", w[2] * x[2],
                "EDUCATION", w[3] * x[3] + w[4] * x[4] + w[5] * x[5] + w[6] * x[6]);
        List<Map.Entry<String, Double>> raising = terms.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList();

        JsonNode reasons = body.get("reasons");
        assertThat(body.get("decision").asString()).isNotEqualTo("APPROVE");
        assertThat(reasons).hasSize(raising.size());
        for (int i = 0; i < raising.size(); i++) {
            assertThat(reasons.get(i).get("feature").asString())
                    .isEqualTo(raising.get(i).getKey());
            assertThat(reasons.get(i).get("contribution").asDouble())
                    .isCloseTo(raising.get(i).getValue(), within(1e-9));
        }
        assertThat(reasons.get(0).get("reason").asString()).isEqualTo("Recent payment delay (September)");
    }

    @Test
    void approvalsCarryReasonsOnlyWhenAsked() {
        Map<String, Object> request = TaiwanFixtures.request("app-lr-3", TaiwanFixtures.safeApplicant());
        JsonNode plain =
                api.post("/v1/portfolios/" + PORTFOLIO + "/score", request).getBody();
        request.put("includeReasons", true);
        JsonNode asked =
                api.post("/v1/portfolios/" + PORTFOLIO + "/score", request).getBody();

        assertThat(plain.get("decision").asString()).isEqualTo(Decision.APPROVE.name());
        assertThat(plain.get("reasons")).isEmpty();
        assertThat(asked.get("reasons")).isNotEmpty();
    }

    @Test
    void scoresABatchInOrderWithOneVersion() {
        var batch = Map.of(
                "applications",
                List.of(
                        TaiwanFixtures.request("b-1", TaiwanFixtures.safeApplicant()),
                        TaiwanFixtures.request("b-2", TaiwanFixtures.riskyApplicant()),
                        TaiwanFixtures.request("b-3", TaiwanFixtures.features(80_000, 0, 40_000, "2"))));
        var response = api.post("/v1/portfolios/" + PORTFOLIO + "/score/batch", batch);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode results = response.getBody().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.valueStream().map(r -> r.get("applicationId").asString()))
                .containsExactly("b-1", "b-2", "b-3");
        assertThat(results.get(2).get("probabilityOfDefault").asDouble())
                .isCloseTo(
                        evaluator.probability(normalised(TaiwanFixtures.features(80_000, 0, 40_000, "2"))),
                        within(1e-6));
        assertThat(results.valueStream().map(r -> r.get("modelVersion").asInt()))
                .containsOnly(1);
    }

    @Test
    void publishesAnEventForEachCall() {
        var response = api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("app-lr-event", TaiwanFixtures.riskyApplicant()));
        JsonNode body = response.getBody();

        try (ScoringEventsProbe probe = new ScoringEventsProbe()) {
            List<ScoringEvent> events = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.forApplication("app-lr-event"), e -> !e.isEmpty());
            ScoringEvent event = events.getFirst();
            assertThat(events).hasSize(1);
            assertThat(event.portfolio()).isEqualTo(PORTFOLIO);
            assertThat(event.modelVersion()).isEqualTo(1);
            assertThat(event.probabilityOfDefault())
                    .isEqualTo(body.get("probabilityOfDefault").asDouble());
            assertThat(event.decision().name()).isEqualTo(body.get("decision").asString());
            assertThat(event.reasons()).hasSize(body.get("reasons").size());
            assertThat(event.features()).containsEntry("PAY_0", 2.0).containsEntry("EDUCATION", "3");
            assertThat(event.eventId()).isNotBlank();
        }
    }

    @Test
    void answersTheOpenInferenceProtocol() {
        var metadata = api.get("/v2/models/" + PORTFOLIO);
        assertThat(metadata.getStatusCode().value()).isEqualTo(200);
        assertThat(metadata.getBody().get("name").asString()).isEqualTo(PORTFOLIO);
        assertThat(metadata.getBody().get("versions").get(0).asString()).isEqualTo("1");
        assertThat(metadata.getBody()
                        .get("inputs")
                        .valueStream()
                        .map(i -> i.get("name").asString()))
                .containsExactlyInAnyOrder("LIMIT_BAL", "PAY_0", "BILL_AMT1", "EDUCATION");
        assertThat(metadata.getBody().get("outputs").get(0).get("name").asString())
                .isEqualTo("probability_of_default");

        var infer = api.post(
                "/v2/models/" + PORTFOLIO + "/infer",
                Map.of(
                        "id",
                        "req-1",
                        "inputs",
                        List.of(
                                tensor("LIMIT_BAL", "FP32", List.of(20_000, 500_000)),
                                tensor("PAY_0", "FP32", List.of(2, -1)),
                                tensor("BILL_AMT1", "FP32", List.of(150_000, 3_000)),
                                tensor("EDUCATION", "BYTES", List.of("3", "1")))));

        assertThat(infer.getStatusCode().value()).isEqualTo(200);
        JsonNode body = infer.getBody();
        assertThat(body.get("model_name").asString()).isEqualTo(PORTFOLIO);
        assertThat(body.get("model_version").asString()).isEqualTo("1");
        assertThat(body.get("id").asString()).isEqualTo("req-1");
        JsonNode probability = body.get("outputs").get(0);
        assertThat(probability.get("name").asString()).isEqualTo("probability_of_default");
        assertThat(probability.get("datatype").asString()).isEqualTo("FP64");
        assertThat(probability.get("shape").get(0).asInt()).isEqualTo(2);
        assertThat(probability.get("data").get(0).asDouble())
                .isCloseTo(evaluator.probability(normalised(TaiwanFixtures.riskyApplicant())), within(1e-6));
        assertThat(body.get("outputs").get(2).get("data").get(1).asString()).isEqualTo("APPROVE");

        var ready = api.get("/v2/health/ready");
        assertThat(ready.getStatusCode().value()).isEqualTo(200);
        assertThat(ready.getBody().get("ready").asBoolean()).isTrue();
    }

    @Test
    void exportsTheMetricsTheDashboardsUse() {
        api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("app-lr-metrics", TaiwanFixtures.riskyApplicant()));

        String metrics = ScoringClient.onPort(port, null).client().getText("/actuator/prometheus");

        assertThat(metrics)
                .contains(
                        "scoring_requests_seconds_bucket{",
                        "scoring_probability_of_default_bucket{",
                        "le=\"0.05\"",
                        "scoring_decisions_total{",
                        "scoring_model_version{",
                        "scoring_events_publish_failures_total");
        assertThat(metrics.lines()
                        .filter(l -> l.startsWith("scoring_requests_seconds_count{")
                                && l.contains("outcome=\"SUCCESS\"")
                                && l.contains("portfolio=\"" + PORTFOLIO + "\"")))
                .singleElement()
                .satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isPositive());
    }

    private static Map<String, Object> tensor(String name, String datatype, List<?> data) {
        return Map.of("name", name, "datatype", datatype, "shape", List.of(data.size(), 1), "data", data);
    }

    private static Map<String, Object> normalised(Map<String, Object> features) {
        return new HashMap<>(features);
    }
}
