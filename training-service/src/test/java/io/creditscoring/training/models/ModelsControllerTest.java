package io.creditscoring.training.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.Sha256;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.WithRealServers;
import io.creditscoring.training.ModelVersions;
import io.creditscoring.training.TrainingServiceApplication;
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
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        int v2 = ModelVersions.register(registry, portfolio, 0.74);
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
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);

        var response = client().http()
                .get()
                .uri("/v1/portfolios/" + portfolio + "/models/" + v1 + "/artifact")
                .retrieve()
                .toEntity(byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(response.getBody()).isEqualTo(ModelVersions.onnx(portfolio, v1));
        assertThat(response.getHeaders().getFirst(ModelsController.SHA256_HEADER))
                .isEqualTo(Sha256.hex(ModelVersions.onnx(portfolio, v1)));
    }

    @Test
    void refusesToServeAnArtifactWhoseBytesWereAltered() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        jdbc.sql("update registry.model_versions set onnx = ? where portfolio = ?")
                .params(new byte[] {9, 9, 9}, portfolio)
                .update();

        var response = client().get("/v1/portfolios/" + portfolio + "/models/" + v1 + "/artifact");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
    }

    @Test
    void answers404ForAnUnknownVersion() {
        String portfolio = ModelVersions.newPortfolio();
        ModelVersions.register(registry, portfolio, 0.71);

        var model = client().get("/v1/portfolios/" + portfolio + "/models/42");
        var artifact = client().get("/v1/portfolios/" + portfolio + "/models/42/artifact");

        assertThat(model.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(model.getBody().get("detail").asString()).contains("42");
        assertThat(artifact.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ServiceClient client() {
        return ServiceClient.onPort(port);
    }
}
