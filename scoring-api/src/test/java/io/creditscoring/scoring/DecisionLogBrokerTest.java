package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.scoring.fixtures.DelayingProxy;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.RestartableKafka;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.web.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The durable decision log against a broker of its own, which the tests slow down and stop: the scoring API
 * answers only after Kafka holds the decision, withholds decisions (503) while the broker is down, and gives
 * them again once it is back, without a restart.
 *
 * <p>The JVM's shared broker cannot be stopped, so this class runs its own: a {@link RestartableKafka} on fixed
 * ports, reached by the service through a {@link DelayingProxy}, and the service in a Spring context of its own
 * (the only one besides {@link ScoringApiTest}'s), with {@link ScoringApiTest}'s settings. The test's own Kafka
 * clients bypass the proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionLogBrokerTest {

    static final String PORTFOLIO = "taiwan-broker";
    /** How long the proxy holds what the service sends to the broker, in the tests that slow it down. */
    static final Duration BROKER_DELAY = Duration.ofSeconds(1);

    Path kafkaDirectory;
    DelayingProxy proxy;
    RestartableKafka broker;
    ConfigurableApplicationContext service;
    ScoringClient api;
    MeterRegistry meters;
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void startABrokerAndTheService() throws Exception {
        kafkaDirectory = Files.createTempDirectory("scoring-broker-test");
        // the proxy, the broker's proxied listener, its controller, its direct listener
        int[] ports = freePorts(4);
        proxy = new DelayingProxy(ports[0], ports[1]);
        broker = new RestartableKafka(kafkaDirectory.resolve("logs"), ports[3], ports[1], ports[0], ports[2]);
        broker.start();
        registerChampion();

        List<String> arguments = new ArrayList<>();
        // the shared test context's settings, so that both contexts run the same configuration
        Arrays.stream(ScoringApiTest.class.getAnnotation(SpringBootTest.class).properties())
                .map(p -> "--" + p)
                .forEach(arguments::add);
        arguments.addAll(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                "--spring.datasource.username=" + SharedPostgres.username(),
                "--spring.datasource.password=" + SharedPostgres.password(),
                "--spring.kafka.bootstrap-servers=localhost:" + ports[0],
                "--platform.security.bootstrap-key=" + ScoringApiTest.ADMIN_KEY,
                // registry rows of the shared database are the shared context's to relay, to the shared broker
                "--registry.outbox.relay-enabled=false"));
        service = ScoringApiApplication.builder().run(arguments.toArray(String[]::new));
        int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
        api = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        meters = service.getBean(MeterRegistry.class);
        ChampionModels models = service.getBean(ChampionModels.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Integer.valueOf(1).equals(models.servedVersions().get(PORTFOLIO)));
        // the decision log's producer is connected (metadata, producer id) before any test slows the broker down
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        api.post(scorePath(), TaiwanFixtures.request(nextId("first"), TaiwanFixtures.riskyApplicant()))
                                        .getStatusCode()
                                        .value()
                                == 200);
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        FileSystemUtils.deleteRecursively(kafkaDirectory);
    }

    @AfterEach
    void brokerUpAndFast() {
        proxy.delay(Duration.ZERO);
        if (!broker.running()) {
            broker.start();
        }
    }

    @Test
    void aDecisionIsOnTheTopicWhenItsAnswerArrives() {
        proxy.delay(BROKER_DELAY);
        String id = nextId("slow");

        long start = System.nanoTime();
        var response = api.post(scorePath(), TaiwanFixtures.request(id, TaiwanFixtures.riskyApplicant()));
        List<ScoringEvent> logged = loggedNow();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged)
                .filteredOn(e -> id.equals(e.applicationId()))
                .singleElement()
                .satisfies(e -> assertThat(e.decision().name())
                        .isEqualTo(response.getBody().get("decision").asString()));
        assertThat(took).as("the answer waited for the broker").isGreaterThanOrEqualTo(BROKER_DELAY);
    }

    @Test
    void everyDecisionOfABatchIsOnTheTopicWhenItsAnswerArrives() {
        proxy.delay(BROKER_DELAY);
        List<String> batch = List.of(nextId("slow-batch"), nextId("slow-batch"), nextId("slow-batch"));

        var response = api.post(scorePath() + "/batch", batchOf(batch));
        List<ScoringEvent> logged = loggedNow();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged).extracting(ScoringEvent::applicationId).containsAll(batch);
    }

    @Test
    void everyDecisionOfAnInferenceIsOnTheTopicWhenItsAnswerArrives() {
        proxy.delay(BROKER_DELAY);
        List<String> rows = List.of(nextId("slow-oip"), nextId("slow-oip"));

        var response = api.post(inferPath(), inferenceOf(rows));
        List<ScoringEvent> logged = loggedNow();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(logged).extracting(ScoringEvent::applicationId).containsAll(rows);
    }

    @Test
    void whileTheBrokerIsDownDecisionsAreWithheldAndTheyResumeWithoutARestartWhenItIsBack() {
        String before = nextId("before");
        assertThat(api.post(scorePath(), TaiwanFixtures.request(before, TaiwanFixtures.riskyApplicant()))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        double withheld = withheld();
        String single = nextId("down");
        List<String> batch = List.of(nextId("down-batch"), nextId("down-batch"));
        List<String> rows = List.of(nextId("down-oip"), nextId("down-oip"));

        broker.stop();
        var singleAnswer = api.post(scorePath(), TaiwanFixtures.request(single, TaiwanFixtures.riskyApplicant()));
        var batchAnswer = api.post(scorePath() + "/batch", batchOf(batch));
        var inferAnswer = api.post(inferPath(), inferenceOf(rows));
        double withheldWhileDown = withheld() - withheld;
        broker.start();

        assertUnavailable(singleAnswer, "The decision could not be recorded in the decision log, so it is not given");
        assertUnavailable(batchAnswer, "so none of them is given");
        assertUnavailable(inferAnswer, "so none of them is given");
        assertThat(withheldWhileDown).isEqualTo(5.0);

        String after = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            String id = nextId("after");
                            var answer =
                                    api.post(scorePath(), TaiwanFixtures.request(id, TaiwanFixtures.riskyApplicant()));
                            return answer.getStatusCode().value() == 200 ? id : null;
                        },
                        id -> id != null);
        List<String> logged =
                loggedNow().stream().map(ScoringEvent::applicationId).toList();
        assertThat(logged).contains(before, after);
        assertThat(logged)
                .as("no decision withheld while the broker was down is in the log")
                .doesNotContainAnyElementsOf(Stream.of(List.of(single), batch, rows)
                        .flatMap(List::stream)
                        .toList());
    }

    private static void assertUnavailable(ResponseEntity<JsonNode> answer, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().get("type").asString()).isEqualTo(ProblemTypes.UNAVAILABLE.toString());
        assertThat(answer.getBody().get("detail").asString()).contains(detail);
    }

    /** The events on the service's topic at this moment, read by a client that bypasses the proxy. */
    private List<ScoringEvent> loggedNow() {
        try (ScoringEventsProbe probe = new ScoringEventsProbe(broker.directBootstrapServers())) {
            return probe.onTopicNow();
        }
    }

    private double withheld() {
        return meters.get("scoring.decisions.withheld").counter().count();
    }

    private String nextId(String kind) {
        return "broker-" + kind + "-" + ids.incrementAndGet();
    }

    private static String scorePath() {
        return "/v1/portfolios/" + PORTFOLIO + "/score";
    }

    private static String inferPath() {
        return "/v2/models/" + PORTFOLIO + "/infer";
    }

    private static Map<String, Object> batchOf(List<String> ids) {
        return Map.of(
                "applications",
                ids.stream()
                        .map(id -> TaiwanFixtures.request(id, TaiwanFixtures.riskyApplicant()))
                        .toList());
    }

    private static Map<String, Object> inferenceOf(List<String> ids) {
        int n = ids.size();
        return Map.of(
                "inputs",
                List.of(
                        tensor("applicationId", "BYTES", ids),
                        tensor("LIMIT_BAL", "FP32", Collections.nCopies(n, 20_000)),
                        tensor("PAY_0", "FP32", Collections.nCopies(n, 2)),
                        tensor("BILL_AMT1", "FP32", Collections.nCopies(n, 150_000)),
                        tensor("EDUCATION", "BYTES", Collections.nCopies(n, "3"))));
    }

    private static Map<String, Object> tensor(String name, String datatype, List<?> data) {
        return Map.of("name", name, "datatype", datatype, "shape", List.of(data.size(), 1), "data", data);
    }

    private static void registerChampion() {
        SharedPostgres.migrate("registry");
        JdbcClient jdbc = JdbcClient.create(SharedPostgres.dataSource());
        ModelPipeline pipeline = TaiwanFixtures.logisticRegression(PORTFOLIO, -1.6);
        new ModelRegistryFixture(jdbc, null)
                .register(
                        1,
                        pipeline,
                        TaiwanFixtures.schema(PORTFOLIO),
                        PipelineOnnxGraphs.logisticRegression(
                                pipeline.preprocessing(), (LinearModel) pipeline.model()));
        jdbc.sql("insert into registry.model_aliases (portfolio, alias, version) values (?, 'champion', 1)")
                .param(PORTFOLIO)
                .update();
    }

    /** Ports free at this moment, all held until every one is chosen so that none is given twice. */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
