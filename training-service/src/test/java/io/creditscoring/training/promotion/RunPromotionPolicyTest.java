package io.creditscoring.training.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.PromotionRequest;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.training.BundledRuns;
import io.creditscoring.training.LabelledDataFixture;
import io.creditscoring.training.ModelVersions;
import io.creditscoring.training.SmallPortfolio;
import io.creditscoring.training.TrainingServiceTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The promotion policy after a real run: with four-eyes on it files a request instead of promoting, and it fails
 * closed: a champion that cannot be evaluated on the new test split keeps its place, and the run says why.
 */
@TrainingServiceTest
class RunPromotionPolicyTest {

    static final String LR_ONLY = "{\"algorithms\": [\"LOGISTIC_REGRESSION\"]}";

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunWithoutAChampionFilesAPromotionRequestByThePolicyInsteadOfPromoting() {
        String portfolio = smallPortfolio();

        JsonNode run = train(portfolio);

        int version = run.get("selectedModelVersion").asInt();
        List<PromotionRequest> pending = registry.promotionRequests(portfolio, PromotionRequest.Status.PENDING, 10);
        assertThat(pending).singleElement().satisfies(request -> {
            assertThat(request.modelVersion()).isEqualTo(version);
            assertThat(request.alias()).isEqualTo("champion");
            assertThat(request.requestedBy()).isEqualTo("system:training-policy");
            assertThat(request.reason()).contains(run.get("runId").asString(), "no champion");
        });
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).isEmpty();
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER)).contains(version);
        assertThat(run.get("promotionDecision").asString())
                .contains("challenger", pending.getFirst().requestId().toString(), "four-eyes");
        assertThat(run.get("requestedBy").asString()).isEqualTo("bootstrap-admin");
        JsonNode audit = ServiceClient.onPort(port)
                .get("/v1/audit?action=training-run.start&limit=1000")
                .getBody();
        assertThat(audit.valueStream()
                        .anyMatch(r -> r.get("detail")
                                        .asString("")
                                        .contains(run.get("runId").asString())
                                && r.get("keyId").asString().equals("bootstrap-admin")
                                && r.get("status").asInt() == 202))
                .as("audit rows %s", audit)
                .isTrue();
    }

    @Test
    void aChampionWhoseArtifactCannotBeLoadedKeepsItsPlaceAndTheRunSaysWhy() {
        String portfolio = smallPortfolio();
        // a version whose artifact is not ONNX at all: registered, sha256 intact, but it cannot be loaded
        int champion = ModelVersions.register(registry, portfolio, 0.50);
        registry.promote(portfolio, champion, ModelAlias.CHAMPION, "test", "unloadable champion");

        JsonNode run = train(portfolio);

        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("promotionDecision").asString())
                .contains("version " + champion + " could not be evaluated", "stays challenger");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(champion);
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHALLENGER))
                .contains(run.get("selectedModelVersion").asInt());
        assertThat(registry.promotionRequests(portfolio, null, 10)).isEmpty();
    }

    @Test
    void aChampionWhoseArtifactFailsItsIntegrityCheckKeepsItsPlaceAndTheRunSaysWhy() {
        String portfolio = smallPortfolio();
        JsonNode first = train(portfolio);
        int champion = first.get("selectedModelVersion").asInt();
        UUID request = registry.promotionRequests(portfolio, PromotionRequest.Status.PENDING, 1)
                .getFirst()
                .requestId();
        registry.approve(request, "approver-of-the-test", "first champion");
        jdbc.sql("update registry.model_versions set onnx = ? where portfolio = ? and version = ?")
                .params(new byte[] {8, 0, 8}, portfolio, champion)
                .update();

        JsonNode second = train(portfolio);

        assertThat(second.get("promotionDecision").asString())
                .contains("could not be evaluated", "ArtifactIntegrityException");
        assertThat(registry.aliasVersion(portfolio, ModelAlias.CHAMPION)).contains(champion);
        assertThat(registry.promotionRequests(portfolio, PromotionRequest.Status.PENDING, 10))
                .isEmpty();
    }

    @Test
    void aSchemaWhoseProtectedInputLacksAJustificationIsNotTrained() {
        String portfolio = "unjustified-" + UUID.randomUUID().toString().substring(0, 8);
        // written straight to the catalog, as a schema registered before the governance rule would be
        catalog.register(new PortfolioSchema(
                portfolio,
                null,
                null,
                new TargetSpec("bad", "1"),
                null,
                List.of(
                        FeatureSpec.numeric("income", 0.0, 1e6, "Income"),
                        new FeatureSpec(
                                "region",
                                io.creditscoring.model.portfolio.FeatureType.CATEGORICAL,
                                null,
                                null,
                                List.of("north", "south"),
                                null,
                                true,
                                true,
                                null,
                                null,
                                null))));
        LabelledDataFixture.insert(portfolio, SmallPortfolio.rows(portfolio + "-", 400, 120));

        JsonNode run = train(portfolio);

        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failureReason").asString())
                .contains("not trainable", "features[1].justification", "'region'");
    }

    private JsonNode train(String portfolio) {
        ServiceClient client = ServiceClient.onPort(port);
        return BundledRuns.awaitFinished(client, BundledRuns.start(client, portfolio, LR_ONLY));
    }

    private String smallPortfolio() {
        String portfolio = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.register(SmallPortfolio.schema(portfolio));
        LabelledDataFixture.insert(portfolio, SmallPortfolio.rows(portfolio + "-", 400, 120));
        return portfolio;
    }
}
