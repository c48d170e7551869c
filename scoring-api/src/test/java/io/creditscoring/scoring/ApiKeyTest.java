package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    @Test
    void scorerKeysScoreButCannotAdminister() {
        ScoringClient admin = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        var created = admin.post("/v1/admin/api-keys", Map.of("role", "SCORER"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String scorerKey = created.getBody().get("apiKey").asString();
        ScoringClient scorer = ScoringClient.onPort(port, scorerKey);

        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);
        var forbidden = scorer.post("/v1/admin/api-keys", Map.of("role", "ADMIN"));
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getBody().get("type").asString()).isEqualTo("urn:credit-scoring:problem:forbidden");
        assertThat(scorer.post("/v1/admin/models/check", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(admin.post("/v1/admin/models/check", Map.of())
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void revokedKeysStopWorking() {
        ScoringClient admin = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        JsonNode created = admin.post("/v1/admin/api-keys", Map.of("role", "SCORER", "keyId", "to-revoke"))
                .getBody();
        ScoringClient scorer = ScoringClient.onPort(port, created.get("apiKey").asString());
        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(200);

        var revoked = admin.client()
                .http()
                .delete()
                .uri("/v1/admin/api-keys/to-revoke")
                .header("X-API-Key", ScoringApiTest.ADMIN_KEY)
                .retrieve()
                .toBodilessEntity();

        assertThat(revoked.getStatusCode().value()).isEqualTo(204);
        assertThat(scorer.get("/v2/health/live").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        assertThat(jdbc.sql("select count(*) from scoring.api_keys where key_sha256 = ?")
                        .param(ScoringApiTest.ADMIN_KEY)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select role from scoring.api_keys where key_id = 'bootstrap-admin'")
                        .query(String.class)
                        .single())
                .isEqualTo("ADMIN");
    }

    @Test
    void actuatorHealthAndPrometheusNeedNoKeyAndNothingElseIsExposed() {
        var client = ScoringClient.onPort(port, null);
        assertThat(client.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(client.client().getText("/actuator/prometheus")).contains("scoring_events_published_total");
        assertThat(client.get("/actuator/env").getStatusCode().value()).isEqualTo(404);
        assertThat(client.get("/actuator/info").getStatusCode().value()).isEqualTo(404);
    }
}
