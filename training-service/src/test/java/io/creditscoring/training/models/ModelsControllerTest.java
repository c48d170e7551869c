package io.creditscoring.training.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.NewModelVersion;
import io.creditscoring.registry.Sha256;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.WithRealServers;
import io.creditscoring.training.TrainingServiceApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TrainingServiceApplication.CONFIG_NAME)
@WithRealServers
class ModelsControllerTest {

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsVersionsWithAlgorithmMetricsAliasesAndCreatedTime() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, 0.71);
        int v2 = register(portfolio, 0.74);
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");

        var response = client().get("/v1/portfolios/" + portfolio + "/models");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        var body = response.getBody();
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.get(0).get("version").asInt()).isEqualTo(v2);
        assertThat(body.get(0).get("aliases").size()).isZero();
        assertThat(body.get(1).get("version").asInt()).isEqualTo(v1);
        assertThat(body.get(1).get("algorithm").asString()).isEqualTo("LOGISTIC_REGRESSION");
        assertThat(body.get(1).get("metrics").get("auc").asDouble()).isEqualTo(0.71);
        assertThat(body.get(1).get("aliases").get(0).asString()).isEqualTo("champion");
        assertThat(body.get(1).get("createdAt").asString()).isNotBlank();
    }

    @Test
    void downloadsTheArtifactBytesWithTheirSha256() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, 0.71);

        var response = client().http()
                .get()
                .uri("/v1/portfolios/" + portfolio + "/models/" + v1 + "/artifact")
                .retrieve()
                .toEntity(byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(response.getBody()).isEqualTo(onnx(portfolio, v1));
        assertThat(response.getHeaders().getFirst(ModelsController.SHA256_HEADER))
                .isEqualTo(Sha256.hex(onnx(portfolio, v1)));
    }

    @Test
    void refusesToServeAnArtifactWhoseBytesWereAltered() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, 0.71);
        jdbc.sql("update registry.model_versions set onnx = ? where portfolio = ?")
                .params(new byte[] {9, 9, 9}, portfolio)
                .update();

        var response = client().get("/v1/portfolios/" + portfolio + "/models/" + v1 + "/artifact");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
    }

    @Test
    void promotesAVersionAndRecordsItsEventInTheOutbox() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, 0.71);
        int v2 = register(portfolio, 0.75);
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");

        var response = client().postJson(
                        "/v1/portfolios/" + portfolio + "/models/" + v2 + "/promote",
                        Map.of("alias", "champion", "reason", "better AUC on the new split", "requestedBy", "bob"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("fromVersion").asInt()).isEqualTo(v1);
        assertThat(response.getBody().get("modelVersion").asInt()).isEqualTo(v2);
        assertThat(response.getBody().get("changed").asBoolean()).isTrue();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v2);
        assertThat(registry.promotions(portfolio).getLast().promotedBy()).isEqualTo("bob");
        assertThat(jdbc.sql("select count(*) from registry.outbox where message_key = ?")
                        .param(portfolio)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        // the service's own relay publishes both events to Kafka and marks them
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from registry.outbox"
                                        + " where message_key = ? and published_at is not null")
                                .param(portfolio)
                                .query(Integer.class)
                                .single())
                        .isEqualTo(2));
    }

    @Test
    void answers404ForAnUnknownVersion() {
        String portfolio = newPortfolio();
        register(portfolio, 0.71);

        var promote = client().postJson(
                        "/v1/portfolios/" + portfolio + "/models/42/promote",
                        Map.of("alias", "champion", "reason", "typo"));
        var artifact = client().get("/v1/portfolios/" + portfolio + "/models/42/artifact");

        assertThat(promote.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(promote.getBody().get("detail").asString()).contains("42");
        assertThat(artifact.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void answers400ForAnAliasOtherThanChampionOrChallenger() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, 0.71);

        var response = client().postJson(
                        "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promote",
                        Map.of("alias", "production", "reason", "ship it"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("alias");
        assertThat(registry.promotions(portfolio)).isEmpty();
    }

    private ServiceClient client() {
        return ServiceClient.onPort(port);
    }

    private int register(String portfolio, double auc) {
        int version = registry.reserveVersion(portfolio);
        var pipeline = new ModelPipeline(
                portfolio,
                Algorithm.LOGISTIC_REGRESSION,
                new Preprocessing(List.of(new NumericInput("duration", 18.0, 20.0, 12.0, false))),
                new LinearModel(new double[] {0.4}, -0.9),
                Map.of());
        registry.register(new NewModelVersion(
                portfolio,
                version,
                UUID.randomUUID(),
                onnx(portfolio, version),
                pipeline,
                BundledPortfolios.germanLoans(),
                1,
                Map.of("auc", auc),
                Map.of(),
                Map.of(),
                1e-8,
                List.of()));
        return version;
    }

    private static byte[] onnx(String portfolio, int version) {
        return ("artifact " + portfolio + " " + version).getBytes(StandardCharsets.UTF_8);
    }

    private static String newPortfolio() {
        return "models-api-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
