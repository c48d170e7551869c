package io.creditscoring.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.training.BundledRuns;
import io.creditscoring.training.LabelledDataFixture;
import io.creditscoring.training.SmallPortfolio;
import io.creditscoring.training.TrainingServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The run list (filters, search, paging) and the comparison of runs with their test-split curves, over HTTP against
 * runs trained through the real database: two small logistic regressions that differ in lambda, one run that failed.
 */
@TrainingServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunListAndCompareTest {

    private static final String PORTFOLIO = "list-compare-loans";
    private static final String EMPTY_PORTFOLIO = "list-compare-empty";

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    ServiceClient client;
    UUID strong;
    UUID weak;
    UUID failed;

    @BeforeAll
    void trainTwoRunsAndFailOne() {
        client = ServiceClient.onPort(port);
        catalog.registerIfAbsent(SmallPortfolio.schema(PORTFOLIO));
        catalog.registerIfAbsent(SmallPortfolio.schema(EMPTY_PORTFOLIO));
        LabelledDataFixture.insert(PORTFOLIO, SmallPortfolio.rows("lc-", 400, 100));
        strong = BundledRuns.start(client, PORTFOLIO, run(0.01));
        weak = BundledRuns.start(client, PORTFOLIO, run(75));
        failed = BundledRuns.start(client, EMPTY_PORTFOLIO, "{}");
        for (UUID runId : List.of(strong, weak, failed)) {
            BundledRuns.awaitFinished(client, runId);
        }
    }

    private static String run(double lambda) {
        return "{\"algorithms\": [\"LOGISTIC_REGRESSION\"], \"params\": {\"logisticRegression.lambda\": " + lambda
                + ", \"search.trials\": 1}}";
    }

    private JsonNode list(String query) {
        ResponseEntity<JsonNode> response = client.get("/v1/training-runs?" + query);
        assertThat(response.getStatusCode().value())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(200);
        return response.getBody();
    }

    /** The runs of a portfolio that the text finds (as a template variable, so that it is sent as it is). */
    private List<String> search(String portfolio, String text) {
        ResponseEntity<JsonNode> response = client.http()
                .get()
                .uri("/v1/training-runs?portfolio={p}&q={q}", portfolio, text)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(200);
        return ids(response.getBody());
    }

    private static List<String> ids(JsonNode page) {
        return page.get("runs").findValuesAsString("runId");
    }

    @Test
    void listsAPortfoliosRunsNewestFirstWithWhatEachAskedAndSelected() {
        JsonNode page = list("portfolio=" + PORTFOLIO);

        assertThat(ids(page)).containsExactly(weak.toString(), strong.toString());
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode newest = page.get("runs").get(0);
        assertThat(newest.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(newest.get("engine").asString()).isEqualTo("local");
        assertThat(newest.get("reason").asString()).isEqualTo("MANUAL");
        assertThat(newest.get("algorithms").get(0).asString()).isEqualTo("LOGISTIC_REGRESSION");
        assertThat(newest.get("overrides").get("logisticRegression.lambda").asDouble())
                .isEqualTo(75.0);
        assertThat(newest.get("selectedAlgorithm").asString()).isEqualTo("LOGISTIC_REGRESSION");
        JsonNode view = client.get("/v1/training-runs/" + weak).getBody();
        assertThat(newest.get("selectedAuc").asDouble())
                .isEqualTo(view.get("models").get(0).get("metrics").get("auc").asDouble());
        assertThat(view.get("engine").asString()).isEqualTo("local");
    }

    @Test
    void filtersByStatusEngineAndCreationTime() {
        assertThat(ids(list("portfolio=" + EMPTY_PORTFOLIO + "&status=failed"))).containsExactly(failed.toString());
        assertThat(ids(list("portfolio=" + EMPTY_PORTFOLIO + "&status=SUCCEEDED")))
                .isEmpty();
        assertThat(ids(list("portfolio=" + PORTFOLIO + "&engine=local"))).hasSize(2);
        assertThat(ids(list("portfolio=" + PORTFOLIO + "&engine=spark"))).isEmpty();
        assertThat(ids(list("portfolio=" + PORTFOLIO + "&from=2000-01-01&to=2999-12-31")))
                .hasSize(2);
        assertThat(ids(list("portfolio=" + PORTFOLIO + "&from=2999-01-01"))).isEmpty();
        assertThat(ids(list("portfolio=" + PORTFOLIO + "&to=2000-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void searchesRunIdsParametersAndFailureReasons() {
        assertThat(ids(list("q=" + strong.toString().substring(0, 13).toUpperCase())))
                .containsExactly(strong.toString());
        assertThat(search(PORTFOLIO, "logisticRegression.LAMBDA=75")).containsExactly(weak.toString());
        assertThat(search(PORTFOLIO, "search.trials=1")).hasSize(2);
        assertThat(search(EMPTY_PORTFOLIO, "has 0 labelled rows")).containsExactly(failed.toString());
        assertThat(search(EMPTY_PORTFOLIO, "nothing like this")).isEmpty();
        // LIKE's wildcards are searched for as themselves
        assertThat(search(PORTFOLIO, "%")).isEmpty();
        assertThat(search(PORTFOLIO, "lambda=7_")).isEmpty();
    }

    @Test
    void pagesThroughTheListWithTheTotalOnEveryPage() {
        JsonNode first = list("portfolio=" + PORTFOLIO + "&size=1");
        JsonNode second = list("portfolio=" + PORTFOLIO + "&size=1&page=1");
        JsonNode beyond = list("portfolio=" + PORTFOLIO + "&size=1&page=2");

        assertThat(ids(first)).containsExactly(weak.toString());
        assertThat(ids(second)).containsExactly(strong.toString());
        assertThat(ids(beyond)).isEmpty();
        assertThat(List.of(first, second, beyond))
                .allSatisfy(page -> assertThat(page.get("total").asLong()).isEqualTo(2));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(1);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        assertProblem("/v1/training-runs?status=DONE", 400, "status");
        assertProblem("/v1/training-runs?engine=gpu", 400, "engine");
        assertProblem("/v1/training-runs?from=yesterday", 400, "from");
        assertProblem("/v1/training-runs?from=2026-12-02&to=2026-12-01", 400, "to");
        assertProblem("/v1/training-runs?size=101", 400, "size");
        assertProblem("/v1/training-runs?page=-1", 400, "page");
        assertProblem("/v1/training-runs?q=" + "x".repeat(201), 400, "q");
    }

    @Test
    void comparesRunsWithTheirMetricsAndTestSplitCurves() {
        JsonNode comparison = client.get("/v1/training-runs/compare?runIds=" + strong + "," + weak)
                .getBody();

        assertThat(comparison.get("runs").findValuesAsString("runId"))
                .containsExactly(strong.toString(), weak.toString());
        for (JsonNode run : comparison.get("runs")) {
            JsonNode view = client.get("/v1/training-runs/" + run.get("runId").asString())
                    .getBody();
            JsonNode model = run.get("models").get(0);
            assertThat(model.get("algorithm").asString()).isEqualTo("LOGISTIC_REGRESSION");
            assertThat(model.get("selected").asBoolean()).isTrue();
            assertThat(model.get("metrics")).isEqualTo(view.get("models").get(0).get("metrics"));
            assertThat(run.get("testRows").asInt()).isEqualTo(80);
            JsonNode roc = model.get("roc");
            assertThat(roc.size()).isBetween(2, TestSplitCurves.MAX_STEPS + 1);
            assertThat(roc.get(0).get("falsePositiveRate").asDouble()).isZero();
            assertThat(roc.get(0).get("truePositiveRate").asDouble()).isZero();
            assertThat(roc.get(roc.size() - 1).get("falsePositiveRate").asDouble())
                    .isEqualTo(1.0);
            assertThat(roc.get(roc.size() - 1).get("truePositiveRate").asDouble())
                    .isEqualTo(1.0);
            // 80 test rows give fewer steps than the bound: the curve is whole, so its area is the tracked AUC
            assertThat(trapezoidArea(roc))
                    .isCloseTo(model.get("metrics").get("auc").asDouble(), within(1e-9));
            JsonNode widest = model.get("ks").get("widest");
            assertThat(Math.abs(widest.get("defaults").asDouble()
                            - widest.get("nonDefaults").asDouble()))
                    .isCloseTo(model.get("metrics").get("ks").asDouble(), within(1e-12));
            JsonNode ks = model.get("ks").get("points");
            assertThat(ks.get(ks.size() - 1).get("population").asDouble()).isEqualTo(1.0);
        }
    }

    private static double trapezoidArea(JsonNode roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            double dx = roc.get(i).get("falsePositiveRate").asDouble()
                    - roc.get(i - 1).get("falsePositiveRate").asDouble();
            area += dx
                    * (roc.get(i).get("truePositiveRate").asDouble()
                            + roc.get(i - 1).get("truePositiveRate").asDouble())
                    / 2;
        }
        return area;
    }

    @Test
    void aComparisonNeedsTwoToTenKnownRuns() {
        assertProblem("/v1/training-runs/compare?runIds=" + strong, 400, "runIds");
        assertProblem("/v1/training-runs/compare?runIds=" + strong + "," + strong, 400, "runIds");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID().toString());
        }
        assertProblem("/v1/training-runs/compare?runIds=" + String.join(",", eleven), 400, "runIds");
        UUID unknown = UUID.randomUUID();
        ResponseEntity<JsonNode> notFound = client.get("/v1/training-runs/compare?runIds=" + strong + "," + unknown);
        assertThat(notFound.getStatusCode().value()).isEqualTo(404);
        assertThat(notFound.getBody().get("detail").asString()).contains(unknown.toString());
        ResponseEntity<JsonNode> notAnId = client.get("/v1/training-runs/compare?runIds=" + strong + ",abc");
        assertThat(notAnId.getStatusCode().value()).isEqualTo(400);
        assertThat(notAnId.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theListAndTheComparisonAreInTheOpenApiDocument() {
        String api = client.getText("/v3/api-docs");

        assertThat(api).contains("\"/v1/training-runs\"", "\"/v1/training-runs/compare\"", "runIds");
    }

    private void assertProblem(String uri, int status, String field) {
        ResponseEntity<JsonNode> response = client.get(uri);
        assertThat(response.getStatusCode().value())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly(field);
    }
}
