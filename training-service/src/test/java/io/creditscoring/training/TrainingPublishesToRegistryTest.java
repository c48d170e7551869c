package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.WithRealServers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A finished run has registered every model with its ONNX artifact, reference sample and promotion. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TrainingServiceApplication.CONFIG_NAME)
@WithRealServers
class TrainingPublishesToRegistryTest {

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    ModelRegistry registry;

    @Test
    void germanRunRegistersEveryModelAndPromotesTheSelectedOne() {
        ServiceClient client = ServiceClient.onPort(port);
        UUID runId = BundledRuns.defaultRun(BundledPortfolios.GERMAN_LOANS, client, catalog);
        JsonNode run = client.get("/v1/training-runs/" + runId).getBody();

        int selected = run.get("selectedModelVersion").asInt();
        for (JsonNode model : run.get("models")) {
            int version = model.get("modelVersion").asInt();
            var artifact = registry.artifact(BundledPortfolios.GERMAN_LOANS, version);
            assertThat(artifact.onnx()).isNotEmpty();
            // The reference sample is the training split (800 of 1,000 German rows), with probabilities.
            var reference = registry.referenceRows(BundledPortfolios.GERMAN_LOANS, version);
            assertThat(reference).hasSize(run.get("trainingRows").asInt());
            assertThat(reference)
                    .allSatisfy(r -> assertThat(r.probabilityOfDefault()).isBetween(0.0, 1.0));
        }
        // Later runs of German in this JVM may have taken the alias since; the history keeps this run's promotion.
        assertThat(registry.promotions(BundledPortfolios.GERMAN_LOANS)).anySatisfy(p -> {
            assertThat(p.toVersion()).isEqualTo(selected);
            assertThat(p.alias()).isEqualTo(ModelAlias.CHALLENGER.id());
            assertThat(p.promotedBy()).isEqualTo("system:training-policy");
            assertThat(p.reason()).contains("training run " + runId);
        });
        assertThat(run.get("promotionDecision").asString()).contains("version " + selected);
        assertThat(client.get("/v1/portfolios/german-loans/models").getBody().findValuesAsString("algorithm"))
                .contains("LOGISTIC_REGRESSION", "XGBOOST", "NEURAL_NETWORK");
    }
}
