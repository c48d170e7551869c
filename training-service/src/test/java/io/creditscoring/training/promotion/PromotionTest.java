package io.creditscoring.training.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.Role;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.training.ModelVersions;
import io.creditscoring.training.TrainingServiceTest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Four-eyes champion promotions over REST, with identities taken from the keys only. */
@TrainingServiceTest
class PromotionTest {

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ApiKeyStore keys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aChampionIsMadeByOneKeyAskingAndAnotherApprovingAndTheHistorySaysWho() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        Key trainer = key(Role.TRAINER, Role.READER);
        Key approver = key(Role.APPROVER, Role.READER);

        var filed = trainer.client.postJson(
                "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promotion-requests",
                Map.of("alias", "champion", "reason", "best validation AUC", "requestedBy", "someone-else"));

        assertThat(filed.getStatusCode().value()).isEqualTo(201);
        JsonNode request = filed.getBody();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("requestedBy").asString())
                .as("the body cannot say who asks")
                .isEqualTo(trainer.id);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        String requestId = request.get("requestId").asString();
        assertThat(approver.client
                        .get("/v1/promotion-requests?status=PENDING&portfolio=" + portfolio)
                        .getBody()
                        .findValuesAsString("requestId"))
                .containsExactly(requestId);

        var approved = approver.client.postJson(
                "/v1/promotion-requests/" + requestId + "/approve", Map.of("comment", "report reviewed"));

        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.getBody().get("decidedBy").asString()).isEqualTo(approver.id);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(v1);
        JsonNode history = approver.client
                .get("/v1/portfolios/" + portfolio + "/promotions")
                .getBody();
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("alias").asString()).isEqualTo("champion");
        assertThat(last.get("requestedBy").asString()).isEqualTo(trainer.id);
        assertThat(last.get("promotedBy").asString()).isEqualTo(approver.id);
        assertThat(last.get("requestId").asString()).isEqualTo(requestId);
        assertAudited("promotion.request", trainer.id, "SUCCEEDED");
        assertAudited("promotion.approve", approver.id, "SUCCEEDED");
        // the promotion's PROMOTED event leaves through the outbox
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from registry.outbox where message_key = ?"
                                        + " and published_at is not null")
                                .param(portfolio)
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    @Test
    void theRequesterCannotApproveItsOwnRequestEvenWithTheApproverRole() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        Key both = key(Role.TRAINER, Role.APPROVER);
        String requestId = both.client
                .postJson(
                        "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promotion-requests",
                        Map.of("alias", "champion", "reason", "mine"))
                .getBody()
                .get("requestId")
                .asString();

        var refused = both.client.postJson("/v1/promotion-requests/" + requestId + "/approve", Map.of());

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody().get("detail").asString()).contains("another key");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertThat(registry.promotionRequest(UUID.fromString(requestId))
                        .orElseThrow()
                        .status())
                .hasToString("PENDING");
        assertAudited("promotion.approve", both.id, "FAILED");
    }

    @Test
    void aRejectedRequestPromotesNothingAndCannotBeApprovedLater() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        String requestId = key(Role.TRAINER)
                .client
                .postJson(
                        "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promotion-requests",
                        Map.of("alias", "champion", "reason", "try"))
                .getBody()
                .get("requestId")
                .asString();
        Key approver = key(Role.APPROVER);

        var rejected = approver.client.postJson(
                "/v1/promotion-requests/" + requestId + "/reject", Map.of("comment", "calibration off"));
        var late = key(Role.APPROVER).client.postJson("/v1/promotion-requests/" + requestId + "/approve", Map.of());

        assertThat(rejected.getBody().get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.getBody().get("comment").asString()).isEqualTo("calibration off");
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertAudited("promotion.reject", approver.id, "SUCCEEDED");
    }

    @Test
    void withFourEyesTheOneStepPromoteMakesChallengersButNeverChampions() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        Key approver = key(Role.APPROVER);

        var champion = approver.client.postJson(
                "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promote",
                Map.of("alias", "champion", "reason", "shortcut"));
        var challenger = key(Role.TRAINER)
                .client
                .postJson(
                        "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promote",
                        Map.of("alias", "challenger", "reason", "shadow it"));

        assertThat(champion.getStatusCode().value()).isEqualTo(403);
        assertThat(champion.getBody().get("detail").asString()).contains("four-eyes", "promotion-requests");
        assertThat(challenger.getStatusCode().value()).isEqualTo(200);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(v1);
        assertThat(registry.promotions(portfolio).getLast().promotedBy()).startsWith("promo-TRAINER");
        assertAudited("model.promote", approver.id, "FAILED");
    }

    @Test
    void badRequestsAreNamed() {
        String portfolio = ModelVersions.newPortfolio();
        int v1 = ModelVersions.register(registry, portfolio, 0.71);
        Key trainer = key(Role.TRAINER, Role.READER);

        var badAlias = trainer.client.postJson(
                "/v1/portfolios/" + portfolio + "/models/" + v1 + "/promotion-requests",
                Map.of("alias", "production", "reason", "ship it"));
        var unknownVersion = trainer.client.postJson(
                "/v1/portfolios/" + portfolio + "/models/42/promotion-requests",
                Map.of("alias", "champion", "reason", "typo"));
        var badStatus = trainer.client.get("/v1/promotion-requests?status=MAYBE");

        assertThat(badAlias.getStatusCode().value()).isEqualTo(400);
        assertThat(badAlias.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("alias");
        assertThat(unknownVersion.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownVersion.getBody().get("detail").asString()).contains("42");
        assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
    }

    private void assertAudited(String action, String keyId, String outcome) {
        JsonNode rows = ServiceClient.onPort(port)
                .get("/v1/audit?action=" + action + "&limit=1000")
                .getBody();
        assertThat(rows.valueStream()
                        .anyMatch(r -> r.get("keyId").asString().equals(keyId)
                                && r.get("outcome").asString().equals(outcome)))
                .as("audit row %s by %s %s in %s", action, keyId, outcome, rows)
                .isTrue();
    }

    private Key key(Role first, Role... more) {
        String id = "promo-" + first + "-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = keys.create(id, EnumSet.of(first, more), null, "test").apiKey();
        return new Key(id, ServiceClient.withKey(port, secret));
    }

    private record Key(String id, ServiceClient client) {}
}
