package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ScoringApiTest
class ApiKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ScoringClient admin() {
        return ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
    }

    @Test
    void refusesCallsWithoutAKey() {
        var response = ScoringClient.onPort(port, null).get("/v2/health/ready");
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("detail").asString()).contains("X-API-Key");
        assertThat(ScoringClient.onPort(port, null)
                        .post("/v1/portfolios/taiwan-lr/score", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }

    @Test
    void refusesAWrongKey() {
        var response = ScoringClient.onPort(port, "not-a-key").get("/v2/health/ready");
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getBody().get("type").asString()).isEqualTo("urn:credit-scoring:problem:unauthorized");
        assertThat(response.getBody().get("detail").asString()).contains("not valid");
    }

    @Test
    void scorerKeysScoreButCannotAdminister() {
        var created = admin().post("/v1/admin/api-keys", Map.of("roles", List.of("SCORER")));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().get("roles").values())
                .extracting(JsonNode::asString)
                .containsExactly("SCORER");
        ScoringClient scorer =
                ScoringClient.onPort(port, created.getBody().get("apiKey").asString());

        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);
        var forbidden = scorer.post("/v1/admin/api-keys", Map.of("roles", List.of("ADMIN")));
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getBody().get("type").asString()).isEqualTo("urn:credit-scoring:problem:forbidden");
        assertThat(scorer.post("/v1/admin/models/check", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(admin().post("/v1/admin/models/check", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void aKeyNeedsAValidRoleAndId() {
        var noRole = admin().post("/v1/admin/api-keys", Map.of("keyId", "no-role"));
        assertThat(noRole.getStatusCode().value()).isEqualTo(400);
        assertThat(noRole.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("roles");
        var badId = admin().post("/v1/admin/api-keys", Map.of("keyId", "a b/c", "roles", List.of("READER")));
        assertThat(badId.getStatusCode().value()).isEqualTo(400);
        var unknownRole = admin().post("/v1/admin/api-keys", Map.of("roles", List.of("ROOT")));
        assertThat(unknownRole.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void revokedKeysStopWorkingAndTheirIdIsNeverReused() {
        JsonNode created = admin().post("/v1/admin/api-keys", Map.of("roles", List.of("SCORER"), "keyId", "to-revoke"))
                .getBody();
        ScoringClient scorer = ScoringClient.onPort(port, created.get("apiKey").asString());
        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);

        assertThat(delete("/v1/admin/api-keys/to-revoke")).isEqualTo(204);

        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(401);
        assertThat(delete("/v1/admin/api-keys/to-revoke")).isEqualTo(404);
        assertThat(admin().post("/v1/admin/api-keys", Map.of("roles", List.of("SCORER"), "keyId", "to-revoke"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
    }

    @Test
    void rotationReplacesTheSecretAndKeepsTheRoles() {
        JsonNode created = admin().post(
                        "/v1/admin/api-keys", Map.of("roles", List.of("SCORER", "READER"), "keyId", "to-rotate"))
                .getBody();
        ScoringClient before = ScoringClient.onPort(port, created.get("apiKey").asString());
        assertThat(before.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);

        var rotated = admin().post("/v1/admin/api-keys/to-rotate/rotate", Map.of());

        assertThat(rotated.getStatusCode().value()).isEqualTo(200);
        assertThat(rotated.getBody().get("roles").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("SCORER", "READER");
        String newKey = rotated.getBody().get("apiKey").asString();
        assertThat(newKey).isNotEqualTo(created.get("apiKey").asString()).startsWith("csk_");
        assertThat(before.get("/v2/health/live").getStatusCode().value()).isEqualTo(401);
        assertThat(ScoringClient.onPort(port, newKey)
                        .get("/v2/health/live")
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void expiredKeysStopWorking() {
        Instant expiry = Instant.now().plusSeconds(2);
        JsonNode created = admin().post(
                        "/v1/admin/api-keys", Map.of("roles", List.of("SCORER"), "expiresAt", expiry.toString()))
                .getBody();
        ScoringClient scorer = ScoringClient.onPort(port, created.get("apiKey").asString());
        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> scorer.get("/v2/health/live").getStatusCode().value() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    }

    @Test
    void keysAreStoredOnlyAsHashesAndListedWithoutThem() {
        assertThat(jdbc.sql("select count(*) from security.api_keys where key_sha256 = ?")
                        .param(ScoringApiTest.ADMIN_KEY)
                        .query(Integer.class)
                        .single())
                .isZero();
        JsonNode bootstrap = find(admin().get("/v1/admin/api-keys").getBody(), "bootstrap-admin");
        assertThat(bootstrap).isNotNull();
        assertThat(bootstrap.get("roles").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("SCORER", "READER", "INGESTER", "TRAINER", "APPROVER", "ADMIN");
        assertThat(bootstrap.toString())
                .doesNotContain(ScoringApiTest.ADMIN_KEY)
                .doesNotContain("sha256");
    }

    @Test
    void keyAdministrationAndModelChecksAreAudited() {
        admin().post("/v1/admin/api-keys", Map.of("roles", List.of("READER"), "keyId", "audited-key"));
        admin().post("/v1/admin/api-keys/audited-key/rotate", Map.of());
        delete("/v1/admin/api-keys/audited-key");
        admin().post("/v1/admin/models/check", Map.of());

        JsonNode created = auditRow("api-key.create", "POST /v1/admin/api-keys", 201);
        assertThat(created.get("detail").asString()).contains("audited-key", "READER");
        assertThat(created.get("service").asString()).isEqualTo("scoring-api");
        auditRow("api-key.rotate", "POST /v1/admin/api-keys/audited-key/rotate", 200);
        auditRow("api-key.revoke", "DELETE /v1/admin/api-keys/audited-key", 204);
        auditRow("models.check", "POST /v1/admin/models/check", 200);
    }

    private JsonNode auditRow(String action, String target, int status) {
        for (JsonNode row : admin().get("/v1/audit?limit=1000&action=" + action).getBody()) {
            if (row.get("target").asString().equals(target)) {
                assertThat(row.get("keyId").asString()).isEqualTo("bootstrap-admin");
                assertThat(row.get("outcome").asString()).isEqualTo("SUCCEEDED");
                assertThat(row.get("status").asInt()).isEqualTo(status);
                return row;
            }
        }
        throw new AssertionError("no audit row " + action + " " + target);
    }

    @Test
    void actuatorHealthAndPrometheusNeedNoKeyAndNothingElseIsExposed() {
        var client = ScoringClient.onPort(port, null);
        assertThat(client.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(client.client().getText("/actuator/prometheus")).contains("scoring_events_published_total");
        assertThat(client.get("/v3/api-docs").getStatusCode().value()).isEqualTo(200);
        assertThat(client.get("/actuator/env").getStatusCode().value()).isEqualTo(401);
        assertThat(client.get("/actuator/info").getStatusCode().value()).isEqualTo(404);
    }

    private int delete(String path) {
        return admin().client()
                .http()
                .delete()
                .uri(path)
                .header("X-API-Key", ScoringApiTest.ADMIN_KEY)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private static JsonNode find(JsonNode keys, String keyId) {
        for (JsonNode key : keys) {
            if (key.get("keyId").asString().equals(keyId)) {
                return key;
            }
        }
        return null;
    }
}
