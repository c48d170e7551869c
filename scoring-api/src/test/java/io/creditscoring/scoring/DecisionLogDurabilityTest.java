package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The durable decision log (the default mode): when an answer arrives, its decision is already on
 * {@code credit.scoring-events}. Each test reads the topic up to the end offsets it has right after the answer,
 * so an event still waiting in a queue or in the producer's buffer would not be found.
 */
@ScoringApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionLogDurabilityTest {

    static final String PORTFOLIO = "taiwan-durable";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    ScoringClient api;
    ScoringEventsProbe probe;

    @BeforeAll
    void promoteAChampion() {
        api = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        ModelPipeline pipeline = TaiwanFixtures.logisticRegression(PORTFOLIO, -1.6);
        var registry = new ModelRegistryFixture(jdbc, kafka);
        registry.register(
                1,
                pipeline,
                TaiwanFixtures.schema(PORTFOLIO),
                PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel) pipeline.model()));
        registry.promote(PORTFOLIO, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Integer.valueOf(1).equals(models.servedVersions().get(PORTFOLIO)));
        probe = new ScoringEventsProbe();
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    @Test
    void aDecisionIsOnTheTopicWhenItsAnswerArrives() {
        var response = api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("durable-single", TaiwanFixtures.riskyApplicant()));
        List<ScoringEvent> logged = probe.onTopicNow();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged)
                .filteredOn(e -> "durable-single".equals(e.applicationId()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.probabilityOfDefault())
                            .isEqualTo(response.getBody()
                                    .get("probabilityOfDefault")
                                    .asDouble());
                    assertThat(e.decision().name())
                            .isEqualTo(response.getBody().get("decision").asString());
                });
    }

    @Test
    void everyDecisionOfABatchIsOnTheTopicWhenItsAnswerArrives() {
        List<Map<String, Object>> applications = List.of(
                TaiwanFixtures.request("durable-batch-1", TaiwanFixtures.riskyApplicant()),
                TaiwanFixtures.request("durable-batch-2", TaiwanFixtures.safeApplicant()),
                TaiwanFixtures.request("durable-batch-3", TaiwanFixtures.riskyApplicant()));
        var response = api.post("/v1/portfolios/" + PORTFOLIO + "/score/batch", Map.of("applications", applications));
        List<ScoringEvent> logged = probe.onTopicNow();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged)
                .extracting(ScoringEvent::applicationId)
                .contains("durable-batch-1", "durable-batch-2", "durable-batch-3");
    }

    @Test
    void anInferenceIsOnTheTopicWhenItsAnswerArrives() {
        var response = api.post(
                "/v2/models/" + PORTFOLIO + "/infer",
                Map.of(
                        "inputs",
                        List.of(
                                tensor("applicationId", "BYTES", List.of("durable-oip-1", "durable-oip-2")),
                                tensor("LIMIT_BAL", "FP32", List.of(20_000, 500_000)),
                                tensor("PAY_0", "FP32", List.of(2, -1)),
                                tensor("BILL_AMT1", "FP32", List.of(150_000, 3_000)),
                                tensor("EDUCATION", "BYTES", List.of("3", "1")))));
        List<ScoringEvent> logged = probe.onTopicNow();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged).extracting(ScoringEvent::applicationId).contains("durable-oip-1", "durable-oip-2");
    }

    private static Map<String, Object> tensor(String name, String datatype, List<?> data) {
        return Map.of("name", name, "datatype", datatype, "shape", List.of(data.size(), 1), "data", data);
    }
}
