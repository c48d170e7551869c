package io.creditscoring.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.WithRealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class IngestionServiceBootTest {

    private static final MediaType YAML = MediaType.valueOf("application/yaml");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
    }

    @Test
    void bootsHealthyWithItsMigrationApplied() {
        assertThat(client.get("/actuator/health").getBody().get("status").asString())
                .isEqualTo("UP");
        assertThat(client.get("/actuator/health/readiness")
                        .getBody()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        assertThat(client.get("/actuator/health/liveness")
                        .getBody()
                        .get("status")
                        .asString())
                .isEqualTo("UP");

        Integer tables = jdbc.sql("select count(*) from information_schema.tables where table_schema = 'ingestion'"
                        + " and table_name in ('applications', 'outcomes')")
                .query(Integer.class)
                .single();
        assertThat(tables).isEqualTo(2);
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        assertThat(client.getText("/actuator/prometheus"))
                .contains("jvm_memory_used_bytes")
                .contains("application=\"ingestion-service\"");
        assertThat(client.getText("/v3/api-docs")).contains("/v1/portfolios/{portfolio}");
    }

    @Test
    void registersTheBundledPortfoliosAtStartUp() {
        JsonNode portfolios = client.get("/v1/portfolios").getBody();
        assertThat(portfolios.findValuesAsString("portfolio")).contains("taiwan-cards", "german-loans");
    }

    @Test
    void rejectsABadSchemaWithProblemDetailsNamingTheFault() {
        ResponseEntity<JsonNode> response = client.put("/v1/portfolios/broken-loans", YAML, """
                portfolio: broken-loans
                target: {column: y, positive: "1"}
                features:
                  - {name: housing, type: categorical, categories: []}
                """);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "errors");
        assertThat(problem.get("errors").findValuesAsString("field")).contains("features[0].categories");
        assertThat(client.get("/v1/portfolios/broken-loans").getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void rejectsAnUnknownFeatureTypeNamingIt() {
        ResponseEntity<JsonNode> response = client.put("/v1/portfolios/typo-loans", YAML, """
                portfolio: typo-loans
                target: {column: y, positive: "1"}
                features:
                  - {name: income, type: nmeric}
                """);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().get("errors").toString()).contains("features[0].type", "nmeric");
    }

    @Test
    void rejectsASchemaForAnotherPortfolioThanThePath() {
        ResponseEntity<JsonNode> response = client.put("/v1/portfolios/one", MediaType.APPLICATION_JSON, """
                {"portfolio": "two", "target": {"column": "y", "positive": "1"},
                 "features": [{"name": "x", "type": "numeric"}]}
                """);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly("portfolio");
    }

    @Test
    void registersAGoodSchemaAndListsIt() {
        ResponseEntity<JsonNode> response = client.put("/v1/portfolios/sme-loans", YAML, """
                portfolio: sme-loans
                target: {column: defaulted, positive: "yes"}
                features:
                  - {name: turnover, type: numeric, min: 0, reason: "Low turnover"}
                  - {name: sector, type: categorical, categories: [retail, farming]}
                """);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get("version").asInt()).isEqualTo(1);
        assertThat(client.get("/v1/portfolios").getBody().findValuesAsString("portfolio"))
                .contains("sme-loans");
        assertThat(client.get("/v1/portfolios/sme-loans")
                        .getBody()
                        .at("/schema/features/1/categories")
                        .toString())
                .contains("retail", "farming");
    }
}
