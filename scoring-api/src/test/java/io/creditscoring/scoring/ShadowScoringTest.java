package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ChampionModels.ModelLease;
import io.creditscoring.scoring.model.ScoringModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * Shadow scoring through the whole service: the challenger's result reaches the decision log as the same event
 * with {@code shadow} filled in, the answer never shows it, and portfolios without a challenger log none.
 */
@ScoringApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowScoringTest {

    static final String PORTFOLIO = "taiwan-shadow";
    static final String ALONE = "taiwan-no-challenger";
    static final String STRICT = "taiwan-strict-challenger";
    static final String PROMOTED = "taiwan-challenger-promoted";
    static final List<String> ANSWER_FIELDS = List.of(
            "applicationId",
            "portfolio",
            "modelVersion",
            "algorithm",
            "probabilityOfDefault",
            "score",
            "decision",
            "reasons",
            "scoredAt");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    @Autowired
    MeterRegistry meters;

    ScoringClient api;
    ModelRegistryFixture registry;
    final PipelineEvaluator champion = new PipelineEvaluator(TaiwanFixtures.logisticRegression(PORTFOLIO, -1.6));
    final PipelineEvaluator challenger = new PipelineEvaluator(TaiwanFixtures.logisticRegression(PORTFOLIO, -0.5));

    @BeforeAll
    void registerChampionsAndChallengers() {
        api = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        registry = new ModelRegistryFixture(jdbc, kafka);
        for (String portfolio : List.of(PORTFOLIO, ALONE, STRICT, PROMOTED)) {
            register(portfolio, 1, -1.6, TaiwanFixtures.schema(portfolio));
            registry.promote(portfolio, 1);
        }
        register(PORTFOLIO, 2, -0.5, TaiwanFixtures.schema(PORTFOLIO));
        registry.promoteChallenger(PORTFOLIO, 2);
        register(STRICT, 2, -0.5, strictSchema(STRICT));
        registry.promoteChallenger(STRICT, 2);
        register(PROMOTED, 2, -0.5, TaiwanFixtures.schema(PROMOTED));
        registry.promoteChallenger(PROMOTED, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> List.of(PORTFOLIO, STRICT, PROMOTED).stream()
                                .allMatch(p -> Integer.valueOf(2)
                                        .equals(models.challengerVersions().get(p)))
                        && List.of(PORTFOLIO, ALONE, STRICT, PROMOTED).stream()
                                .allMatch(p -> Integer.valueOf(1)
                                        .equals(models.servedVersions().get(p))));
    }

    @Test
    void theChallengersResultIsLoggedWithTheDecisionAndNeverAnswered() {
        Map<String, Map<String, Object>> applicants = Map.of(
                "shadow-1", TaiwanFixtures.riskyApplicant(),
                "shadow-2", TaiwanFixtures.safeApplicant(),
                "shadow-3", TaiwanFixtures.features(80_000, 0, 40_000, "2"));
        JsonNode single = api.post(
                        "/v1/portfolios/" + PORTFOLIO + "/score",
                        TaiwanFixtures.request("shadow-1", applicants.get("shadow-1")))
                .getBody();
        JsonNode batch = api.post(
                        "/v1/portfolios/" + PORTFOLIO + "/score/batch",
                        Map.of(
                                "applications",
                                List.of(
                                        TaiwanFixtures.request("shadow-2", applicants.get("shadow-2")),
                                        TaiwanFixtures.request("shadow-3", applicants.get("shadow-3")))))
                .getBody();

        assertThat(single.propertyNames()).containsExactlyElementsOf(ANSWER_FIELDS);
        assertThat(batch.propertyNames()).containsExactly("results");
        batch.get("results").forEach(r -> assertThat(r.propertyNames()).containsExactlyElementsOf(ANSWER_FIELDS));
        try (ScoringEventsProbe probe = new ScoringEventsProbe()) {
            applicants.forEach((id, features) -> {
                List<ScoringEvent> logged = await().atMost(Duration.ofSeconds(30))
                        .until(() -> probe.forApplication(id), e -> e.size() >= 2);
                assertThat(logged).as(id).hasSize(2);
                ScoringEvent decision = logged.stream()
                        .filter(e -> e.shadow() == null)
                        .findFirst()
                        .orElseThrow();
                ScoringEvent shadowed = logged.stream()
                        .filter(e -> e.shadow() != null)
                        .findFirst()
                        .orElseThrow();
                // the same event, the champion's decision unchanged, only the shadow added
                assertThat(shadowed).isEqualTo(decision.withShadow(shadowed.shadow()));
                assertThat(decision.modelVersion()).isEqualTo(1);
                assertThat(decision.probabilityOfDefault())
                        .isCloseTo(champion.probability(new HashMap<>(features)), within(1e-6));
                double expected = challenger.probability(new HashMap<>(features));
                assertThat(shadowed.shadow().modelVersion()).isEqualTo(2);
                assertThat(shadowed.shadow().probabilityOfDefault()).isCloseTo(expected, within(1e-6));
                assertThat(shadowed.shadow().score()).isEqualTo(points(expected));
                assertThat(shadowed.shadow().decision()).isEqualTo(decision(expected));
                assertThat(shadowed.shadow().probabilityOfDefault())
                        .isNotCloseTo(decision.probabilityOfDefault(), within(1e-3));
            });
        }
        assertThat(counter("scoring.shadow.scored", PORTFOLIO, null)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPortfolioWithoutChallengerLogsNoShadow() {
        api.post(
                "/v1/portfolios/" + ALONE + "/score",
                TaiwanFixtures.request("alone-1", TaiwanFixtures.riskyApplicant()));
        // shadow scores are worked off in order: once a later request's has been logged, none is coming for alone-1
        api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("after-alone-1", TaiwanFixtures.riskyApplicant()));

        try (ScoringEventsProbe probe = new ScoringEventsProbe()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.forApplication("after-alone-1").stream().anyMatch(e -> e.shadow() != null));
            assertThat(probe.onTopicNow().stream().filter(e -> "alone-1".equals(e.applicationId())))
                    .singleElement()
                    .satisfies(e -> assertThat(e.shadow()).isNull());
        }
        assertThat(meters.find("scoring.shadow.scored").tag("portfolio", ALONE).counter())
                .isNull();
        assertThat(models.hasChallenger(ALONE)).isFalse();
    }

    @Test
    void anApplicationTheChallengersSchemaRefusesIsSkippedAndCounted() {
        double invalidBefore = counter("scoring.shadow.skipped", STRICT, "invalid");
        api.post(
                "/v1/portfolios/" + STRICT + "/score/batch",
                Map.of(
                        "applications",
                        List.of(
                                // PAY_0 = 2: valid for the champion, above the challenger's maximum of 1
                                TaiwanFixtures.request("strict-risky", TaiwanFixtures.riskyApplicant()),
                                TaiwanFixtures.request("strict-safe", TaiwanFixtures.safeApplicant()))));

        try (ScoringEventsProbe probe = new ScoringEventsProbe()) {
            ScoringEvent safe = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> probe.forApplication("strict-safe").stream()
                                    .filter(e -> e.shadow() != null)
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(safe.shadow().probabilityOfDefault())
                    .isCloseTo(challenger.probability(new HashMap<>(TaiwanFixtures.safeApplicant())), within(1e-6));
            // both were one task: the safe one's shadow logged means the risky one was dealt with
            assertThat(probe.onTopicNow().stream().filter(e -> "strict-risky".equals(e.applicationId())))
                    .singleElement()
                    .satisfies(e -> assertThat(e.shadow()).isNull());
        }
        assertThat(counter("scoring.shadow.skipped", STRICT, "invalid")).isEqualTo(invalidBefore + 1);
    }

    @Test
    void aChallengerPromotedToChampionIsTakenOverAsLoadedAndNoLongerShadows() {
        ScoringModel loadedAsChallenger;
        try (ModelLease lease = models.leaseChallenger(PROMOTED).orElseThrow()) {
            loadedAsChallenger = lease.model();
        }

        registry.promote(PROMOTED, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(2).equals(models.servedVersions().get(PROMOTED))
                        && !models.hasChallenger(PROMOTED));

        try (ModelLease lease = models.lease(PROMOTED).orElseThrow()) {
            assertThat(lease.model()).isSameAs(loadedAsChallenger);
        }
        JsonNode answer = api.post(
                        "/v1/portfolios/" + PROMOTED + "/score",
                        TaiwanFixtures.request("promoted-1", TaiwanFixtures.riskyApplicant()))
                .getBody();
        assertThat(answer.get("modelVersion").asInt()).isEqualTo(2);
        api.post(
                "/v1/portfolios/" + PORTFOLIO + "/score",
                TaiwanFixtures.request("after-promoted-1", TaiwanFixtures.riskyApplicant()));
        try (ScoringEventsProbe probe = new ScoringEventsProbe()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            probe.forApplication("after-promoted-1").stream().anyMatch(e -> e.shadow() != null));
            assertThat(probe.onTopicNow().stream().filter(e -> "promoted-1".equals(e.applicationId())))
                    .singleElement()
                    .satisfies(e -> assertThat(e.shadow()).isNull());
        }
    }

    @Test
    void exportsTheShadowMetrics() {
        double invalidBefore = counter("scoring.shadow.skipped", STRICT, "invalid");
        double scoredBefore = counter("scoring.shadow.scored", STRICT, null);
        api.post(
                "/v1/portfolios/" + STRICT + "/score/batch",
                Map.of(
                        "applications",
                        List.of(
                                TaiwanFixtures.request("strict-metrics-1", TaiwanFixtures.riskyApplicant()),
                                TaiwanFixtures.request("strict-metrics-2", TaiwanFixtures.safeApplicant()))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> counter("scoring.shadow.skipped", STRICT, "invalid") > invalidBefore
                        && counter("scoring.shadow.scored", STRICT, null) > scoredBefore);

        String metrics = ScoringClient.onPort(port, null).client().getText("/actuator/prometheus");

        assertThat(metrics)
                .contains(
                        "scoring_shadow_queued ",
                        "scoring_shadow_published_total",
                        "scoring_shadow_publish_failures_total",
                        "scoring_shadow_skipped_total{",
                        "scoring_shadow_scored_total{",
                        "scoring_shadow_model_version{",
                        "scoring_shadow_model_load_failures_total{");
    }

    private void register(String portfolio, int version, double intercept, PortfolioSchema schema) {
        ModelPipeline pipeline = TaiwanFixtures.logisticRegression(portfolio, intercept);
        registry.register(
                version, pipeline, schema, PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel)
                        pipeline.model()));
    }

    /** The test schema with PAY_0 limited to [-2, 1]: an application two months late is not valid for it. */
    private static PortfolioSchema strictSchema(String portfolio) {
        PortfolioSchema schema = TaiwanFixtures.schema(portfolio);
        List<FeatureSpec> features = schema.features().stream()
                .map(f -> "PAY_0".equals(f.name()) ? FeatureSpec.numeric("PAY_0", -2.0, 1.0, f.reason()) : f)
                .toList();
        return new PortfolioSchema(
                schema.portfolio(), schema.description(), schema.idColumn(), schema.target(), schema.csv(), features);
    }

    /** PDO points with the default card: 600 at odds 50:1, 20 points to double them. */
    private static int points(double pd) {
        return (int) Math.round(600 + 20 / Math.log(2) * Math.log((1 - pd) / pd / 50));
    }

    private static Decision decision(double pd) {
        return pd < 0.1 ? Decision.APPROVE : pd >= 0.3 ? Decision.DECLINE : Decision.REFER;
    }

    private double counter(String name, String portfolio, String reason) {
        var search = meters.find(name).tag("portfolio", portfolio);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        Counter counter = search.counter();
        return counter == null ? 0 : counter.count();
    }
}
