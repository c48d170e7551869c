package io.creditscoring.ingestion.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.testsupport.AuthorizationMatrix;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.TestKeys;
import io.creditscoring.testsupport.WithRealServers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Roles on every endpoint, governed schema changes, the audit log and body limits of the ingestion service. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class IngestionSecurityTest {

    static final MediaType YAML = MediaType.valueOf("application/yaml");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiKeyStore keys;

    @Autowired
    JdbcClient jdbc;

    AuthorizationMatrix<Role> matrix() {
        return AuthorizationMatrix.of(
                        port,
                        mappings,
                        Role.class,
                        roles -> keys.create("matrix-" + UUID.randomUUID(), roles, null, "authorization-matrix-test")
                                .apiKey())
                .auditedBy(Audited.class)
                .sample("portfolio", "matrix-none")
                .sample("importId", "00000000-0000-0000-0000-000000000000");
    }

    @Test
    void everyEndpointAnswersOnlyItsRoles() {
        matrix().allow("GET", "/v1/portfolios", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/stats", Role.READER)
                .allow("PUT", "/v1/portfolios/{portfolio}", Role.APPROVER)
                .allow("POST", "/v1/portfolios/{portfolio}/imports", Role.INGESTER)
                .allow("GET", "/v1/portfolios/{portfolio}/imports", Role.INGESTER, Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/imports/{importId}", Role.INGESTER, Role.READER)
                .allow("GET", "/v1/audit", Role.ADMIN)
                .allow(
                        "GET",
                        "/v1/me",
                        Role.SCORER,
                        Role.READER,
                        Role.INGESTER,
                        Role.TRAINER,
                        Role.APPROVER,
                        Role.ADMIN)
                .open("GET", "/v3/api-docs")
                .open("GET", "/v3/api-docs.yaml")
                .open("GET", "/v3/api-docs/swagger-config")
                .open("GET", "/swagger-ui.html")
                .verify();
    }

    @Test
    void noSpellingOfAnAdministrationPathLetsOtherRolesThrough() {
        AuthorizationMatrix<Role> matrix = matrix();
        for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
            matrix.verifyBypassesRefused(role, "/v1/audit", "/v1/admin/api-keys");
        }
    }

    @Test
    void aProtectedAttributeBecomesAModelInputOnlyWithAJustificationWhichIsAudited() {
        ServiceClient approver = client(Role.APPROVER);
        String portfolio = "governed-" + UUID.randomUUID().toString().substring(0, 8);
        String unjustified = schema(
                portfolio,
                "{name: SEX, type: categorical, categories: [\"1\", \"2\"]," + " protected: true, modelInput: true}");

        ResponseEntity<JsonNode> refused = approver.put("/v1/portfolios/" + portfolio, YAML, unjustified);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").findValuesAsString("field"))
                .containsExactly("features[1].justification");
        assertThat(ServiceClient.onPort(port)
                        .get("/v1/portfolios/" + portfolio)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        ResponseEntity<JsonNode> accepted = approver.put(
                "/v1/portfolios/" + portfolio,
                YAML,
                schema(
                        portfolio,
                        "{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true,"
                                + " modelInput: true, justification: \"Model-risk committee MRC-17: sex-neutral pricing"
                                + " audit\"}"));

        assertThat(accepted.getStatusCode().value()).isEqualTo(200);
        assertThat(accepted.getBody().at("/schema/features/1/justification").asString())
                .contains("MRC-17");
        JsonNode row = auditRow("portfolio.register", "PUT /v1/portfolios/" + portfolio, "SUCCEEDED");
        assertThat(row.get("detail").asString()).contains("SEX", "MRC-17");
        assertThat(row.get("keyId").asString()).startsWith("matrix-APPROVER");
    }

    @Test
    void removingProtectionFromAnExistingFeatureNeedsAJustification() {
        ServiceClient approver = client(Role.APPROVER);
        String portfolio = "unprotect-" + UUID.randomUUID().toString().substring(0, 8);
        approver.put(
                "/v1/portfolios/" + portfolio,
                YAML,
                schema(portfolio, "{name: SEX, type: categorical," + " categories: [\"1\", \"2\"], protected: true}"));

        ResponseEntity<JsonNode> refused = approver.put(
                "/v1/portfolios/" + portfolio,
                YAML,
                schema(portfolio, "{name: SEX, type: categorical, categories: [\"1\", \"2\"]}"));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").get(0).get("message").asString())
                .contains("no longer protected");
        assertThat(ServiceClient.onPort(port)
                        .get("/v1/portfolios/" + portfolio)
                        .getBody()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aSchemaChangeByAKeyWithoutTheApproverRoleIsRefusedAndTheRefusalAudited() {
        String portfolio = "ingester-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<JsonNode> refused = client(Role.INGESTER)
                .put("/v1/portfolios/" + portfolio, YAML, schema(portfolio, "{name: x, type: numeric}"));

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        auditRow("access.denied", "PUT /v1/portfolios/" + portfolio, "DENIED");
    }

    @Test
    void anImportIsAuditedWithTheIngestersKeyAndWhatItPublished() {
        String id = "ingester-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceClient ingester = ServiceClient.withKey(
                port, keys.create(id, EnumSet.of(Role.INGESTER), null, "test").apiKey());
        String csv = "ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,"
                + "BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,"
                + "defaulted\n";

        var imported = ingester.http()
                .post()
                .uri("/v1/portfolios/taiwan-cards/imports")
                .contentType(MediaType.valueOf("text/csv"))
                .body(csv)
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(imported.getStatusCode().value()).isEqualTo(200);
        JsonNode row = auditRow("import.csv", "POST /v1/portfolios/taiwan-cards/imports", "SUCCEEDED");
        assertThat(row.get("keyId").asString()).isEqualTo(id);
        assertThat(row.get("detail").asString())
                .contains(imported.getBody().get("importId").asString(), "0 rows read");
    }

    @Test
    void aSchemaOverItsSizeLimitIsRefusedWith413() {
        String huge = "portfolio: huge\n# " + "x".repeat(300 * 1024) + "\n";

        ResponseEntity<JsonNode> refused = client(Role.APPROVER).put("/v1/portfolios/huge", YAML, huge);

        assertThat(refused.getStatusCode().value()).isEqualTo(413);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("type").asString()).isEqualTo("urn:credit-scoring:problem:payload-too-large");
    }

    @Test
    void aSchemaOverItsSizeLimitSentWithoutALengthIsRefusedWith413Too() throws Exception {
        byte[] huge = ("portfolio: huge\n# " + "x".repeat(300 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/portfolios/huge"))
                .header("X-API-Key", TestKeys.ALL_ROLES)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();

        HttpResponse<String> refused = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"body\"");
    }

    @Test
    void theAuditLogIsForAdministratorsOnly() {
        assertThat(client(Role.READER).get("/v1/audit").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> rows = ServiceClient.onPort(port).get("/v1/audit?limit=5");
        assertThat(rows.getStatusCode().value()).isEqualTo(200);
        assertThat(rows.getBody().size()).isLessThanOrEqualTo(5);
        assertThat(ServiceClient.onPort(port)
                        .get("/v1/audit?limit=0")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
    }

    private JsonNode auditRow(String action, String target, String outcome) {
        JsonNode rows = ServiceClient.withKey(port, TestKeys.ALL_ROLES)
                .get("/v1/audit?action=" + action + "&limit=1000")
                .getBody();
        for (JsonNode row : rows) {
            if (row.get("target").asString().equals(target)
                    && row.get("outcome").asString().equals(outcome)) {
                assertThat(row.get("service").asString()).isEqualTo("ingestion-service");
                return row;
            }
        }
        throw new AssertionError("no audit row " + action + " " + target + " " + outcome + " in " + rows);
    }

    private ServiceClient client(Role role) {
        String id = "matrix-" + role + "-" + UUID.randomUUID();
        return ServiceClient.withKey(
                port, keys.create(id, EnumSet.of(role), null, "test").apiKey());
    }

    private static String schema(String portfolio, String secondFeature) {
        return """
                portfolio: %s
                target: {column: defaulted, positive: "1"}
                features:
                  - {name: income, type: numeric, reason: "Income"}
                  - %s
                """.formatted(portfolio, secondFeature);
    }
}
