package io.creditscoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.training.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Trains all three algorithms on the bundled data through REST and the real database. */
@TrainingServiceTest
class TrainingOnBundledDataTest {

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    CapturingModelPublisher published;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
    }

    private JsonNode run(String portfolio) {
        UUID runId = BundledRuns.defaultRun(portfolio, client, catalog);
        return client.get("/v1/training-runs/" + runId).getBody();
    }

    private static double testAuc(JsonNode run, Algorithm algorithm) {
        for (JsonNode model : run.get("models")) {
            if (model.get("algorithm").asString().equals(algorithm.name())) {
                return model.at("/metrics/auc").asDouble();
            }
        }
        throw new AssertionError("no " + algorithm + " in " + run);
    }

    @Test
    void taiwanModelsReachTheirTestAuc() {
        JsonNode run = run(BundledPortfolios.TAIWAN_CARDS);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(testAuc(run, Algorithm.XGBOOST)).isGreaterThanOrEqualTo(0.775);
        assertThat(testAuc(run, Algorithm.LOGISTIC_REGRESSION)).isGreaterThanOrEqualTo(0.705);
        assertThat(testAuc(run, Algorithm.NEURAL_NETWORK)).isGreaterThanOrEqualTo(0.76);
    }

    @Test
    void germanLogisticRegressionReachesItsTestAucAndTheNetworkDoesNotCollapse() {
        JsonNode run = run(BundledPortfolios.GERMAN_LOANS);

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        double lr = testAuc(run, Algorithm.LOGISTIC_REGRESSION);
        assertThat(lr).isGreaterThanOrEqualTo(0.78);
        assertThat(testAuc(run, Algorithm.NEURAL_NETWORK)).isGreaterThanOrEqualTo(lr - 0.02);
    }

    @Test
    void runAnswersTheContractFieldsWithLineageAndRegisteredVersions() {
        JsonNode run = run(BundledPortfolios.TAIWAN_CARDS);

        assertThat(run.propertyNames())
                .contains(
                        "runId",
                        "portfolio",
                        "status",
                        "trainingRows",
                        "testRows",
                        "models",
                        "selectedModelVersion",
                        "failureReason");
        assertThat(run.get("trainingRows").asInt()).isEqualTo(24_000);
        assertThat(run.get("testRows").asInt()).isEqualTo(6_000);
        assertThat(run.at("/lineage/datasetRows").asInt()).isEqualTo(30_000);
        assertThat(run.at("/lineage/datasetSha256").asString()).hasSize(64);
        // which applications the models were evaluated on, in the run and in every registered artifact's lineage
        String testIds = run.at("/lineage/testIdsSha256").asString();
        assertThat(testIds)
                .hasSize(64)
                .isNotEqualTo(run.at("/lineage/datasetSha256").asString());
        for (TrainedModel model :
                published.of(UUID.fromString(run.get("runId").asString())).values()) {
            assertThat(model.lineage()).containsEntry("testIdsSha256", testIds);
        }
        assertThat(run.get("selectedAlgorithm").asString()).isIn("LOGISTIC_REGRESSION", "XGBOOST", "NEURAL_NETWORK");
        assertThat(run.get("models")).hasSize(3);
        for (JsonNode model : run.get("models")) {
            assertThat(model.get("metrics").propertyNames()).contains("auc", "gini", "ks", "brier", "logLoss", "f1");
            assertThat(model.get("modelVersion").asInt()).isPositive();
            assertThat(model.get("onnxParityMaxAbsDiff").asDouble()).isBetween(0.0, 1e-5);
        }
        assertThat(run.get("selectedModelVersion").asInt())
                .isIn(run.get("models").findValuesAsString("modelVersion").stream()
                        .map(Integer::valueOf)
                        .toList());
        assertThat(run.get("timingsMs").propertyNames())
                .contains("read", "split", "preprocess", "folds", "search.XGBOOST", "refit.XGBOOST", "report", "total");
    }

    @Test
    void protectedAttributesAreNotModelInputs() {
        UUID runId = BundledRuns.defaultRun(BundledPortfolios.TAIWAN_CARDS, client, catalog);

        for (TrainedModel model : published.of(runId).values()) {
            assertThat(model.pipeline().preprocessing().features())
                    .doesNotContain("SEX", "MARRIAGE", "AGE")
                    .contains("LIMIT_BAL", "PAY_0");
        }
    }

    @Test
    void extractedPipelinesReproduceTheLibrariesPredictions() {
        for (String portfolio : new String[] {BundledPortfolios.TAIWAN_CARDS, BundledPortfolios.GERMAN_LOANS}) {
            UUID runId = BundledRuns.defaultRun(portfolio, client, catalog);
            Map<Algorithm, TrainedModel> models = published.of(runId);
            assertThat(models).containsOnlyKeys(Algorithm.values());
            for (TrainedModel model : models.values()) {
                PipelineEvaluator evaluator = new PipelineEvaluator(model.pipeline());
                double worst = 0;
                for (int i = 0; i < model.testRows().size(); i++) {
                    double diff =
                            Math.abs(evaluator.probability(model.testRows().get(i)) - model.testProbabilities()[i]);
                    worst = Math.max(worst, diff);
                }
                assertThat(worst)
                        .as("%s %s largest |pipeline - library|", portfolio, model.algorithm())
                        .isLessThan(1e-6);
            }
        }
    }

    @Test
    void xgboostFollowsTheSchemasMonotoneDirections() {
        UUID runId = BundledRuns.defaultRun(BundledPortfolios.TAIWAN_CARDS, client, catalog);
        TrainedModel xgboost = published.of(runId).get(Algorithm.XGBOOST);
        PipelineEvaluator evaluator = new PipelineEvaluator(xgboost.pipeline());

        for (Map<String, Object> row : xgboost.testRows().subList(0, 200)) {
            double previous = -1;
            for (int delay = -2; delay <= 8; delay++) { // PAY_0: risk increasing
                Map<String, Object> changed = new HashMap<>(row);
                changed.put("PAY_0", (double) delay);
                double p = evaluator.probability(changed);
                assertThat(p).as("PAY_0 %d", delay).isGreaterThanOrEqualTo(previous);
                previous = p;
            }
            previous = 2;
            for (double limit = 10_000; limit <= 1_000_000; limit *= 1.5) { // LIMIT_BAL: risk decreasing
                Map<String, Object> changed = new HashMap<>(row);
                changed.put("LIMIT_BAL", limit);
                double p = evaluator.probability(changed);
                assertThat(p).as("LIMIT_BAL %f", limit).isLessThanOrEqualTo(previous);
                previous = p;
            }
        }
    }

    @Test
    void reportRendersEverySection() throws IOException {
        UUID runId = BundledRuns.defaultRun(BundledPortfolios.TAIWAN_CARDS, client, catalog);

        var response = client.http()
                .get()
                .uri("/v1/training-runs/{id}/report", runId)
                .retrieve()
                .toEntity(String.class);

        // kept for a human look at the charts: target/reports/taiwan-cards-report.html
        Files.createDirectories(Path.of("target", "reports"));
        Files.writeString(Path.of("target", "reports", "taiwan-cards-report.html"), response.getBody());
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(response.getBody())
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "id=\"metrics\"",
                        "id=\"roc\"",
                        "id=\"ks\"",
                        "id=\"calibration\"",
                        "id=\"iv\"",
                        "id=\"importance\"",
                        "id=\"lineage\"",
                        "id=\"timings\"",
                        "<svg",
                        "PAY_0",
                        "LOGISTIC_REGRESSION",
                        "XGBOOST",
                        "NEURAL_NETWORK")
                .doesNotContain("<script", "http://cdn", "https://");
    }

    @Test
    void sameSeedGivesTheSameMetrics() {
        JsonNode first = run(BundledPortfolios.GERMAN_LOANS);
        UUID again = BundledRuns.start(client, BundledPortfolios.GERMAN_LOANS, "{}");
        JsonNode second = BundledRuns.awaitFinished(client, again);

        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.get("models")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(second.get("models").get(i).get("metrics"))
                    .isEqualTo(first.get("models").get(i).get("metrics"));
        }
        assertThat(second.at("/lineage/datasetSha256").asString())
                .isEqualTo(first.at("/lineage/datasetSha256").asString());
        assertThat(second.at("/lineage/testIdsSha256").asString())
                .hasSize(64)
                .isEqualTo(first.at("/lineage/testIdsSha256").asString());
    }

    @Test
    void germanLogisticRegressionProbabilitiesAreProbabilities() {
        UUID runId = BundledRuns.defaultRun(BundledPortfolios.GERMAN_LOANS, client, catalog);
        TrainedModel lr = published.of(runId).get(Algorithm.LOGISTIC_REGRESSION);

        assertThat(Arrays.stream(lr.testProbabilities()).min().orElseThrow()).isGreaterThan(0.0);
        assertThat(Arrays.stream(lr.testProbabilities()).max().orElseThrow()).isLessThan(1.0);
        assertThat(lr.metrics().gini()).isCloseTo(2 * lr.metrics().auc() - 1, within(1e-12));
        assertThat(lr.testRows()).hasSize(200);
    }
}
