package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.CreditJson;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

@ScoringApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationTest {

    static final String PORTFOLIO = "taiwan-validation";
    static final String SCORE = "/v1/portfolios/" + PORTFOLIO + "/score";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    MeterRegistry meters;

    ScoringClient api;

    @BeforeAll
    void promoteAChampion() {
        api = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY);
        ModelPipeline pipeline = TaiwanFixtures.logisticRegression(PORTFOLIO, -1.6);
        var registry = new ModelRegistryFixture(jdbc, kafka);
        registry.register(
                1,
                pipeline,
                TaiwanFixtures.schema(PORTFOLIO),
                PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel) pipeline.model()));
        registry.promote(PORTFOLIO, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> models.servedVersions().containsKey(PORTFOLIO));
    }

    @Test
    void rejectsAnUnknownPortfolioWithNotFound() {
        var response = api.post("/v1/portfolios/no-such-portfolio/score", valid());
        assertProblem(response, 404);
        assertThat(response.getBody().get("detail").asString()).contains("unknown portfolio 'no-such-portfolio'");
    }

    @Test
    void answersUnavailableForAPortfolioWithoutChampion() {
        catalog.register(TaiwanFixtures.schema("taiwan-no-champion"));
        var response = api.post("/v1/portfolios/taiwan-no-champion/score", valid());
        assertProblem(response, 503);
        assertThat(response.getBody().get("detail").asString()).contains("has no champion model");
    }

    @Test
    void rejectsAMissingRequiredFeature() {
        Map<String, Object> features = TaiwanFixtures.riskyApplicant();
        features.remove("PAY_0");
        features.remove("LIMIT_BAL");
        var response = api.post(SCORE, TaiwanFixtures.request("v-1", features));
        assertErrors(response, 400, "features.LIMIT_BAL", "features.PAY_0");
        assertThat(message(response, "features.PAY_0")).isEqualTo("is required");
    }

    @Test
    void protectedAttributesMayBeLeftOut() {
        Map<String, Object> features = TaiwanFixtures.riskyApplicant();
        features.remove("SEX");
        features.remove("AGE");
        assertThat(api.post(SCORE, TaiwanFixtures.request("v-2", features))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void rejectsAnUnknownFeature() {
        Map<String, Object> features = TaiwanFixtures.riskyApplicant();
        features.put("AGEE", 40);
        var response = api.post(SCORE, TaiwanFixtures.request("v-3", features));
        assertErrors(response, 400, "features.AGEE");
        assertThat(message(response, "features.AGEE")).contains("unknown feature 'AGEE'");
        assertThat(meters.get("scoring.requests")
                        .tag("portfolio", PORTFOLIO)
                        .tag("outcome", "CLIENT_ERROR")
                        .timer()
                        .count())
                .isPositive();
    }

    @Test
    void rejectsWrongTypes() {
        Map<String, Object> features = TaiwanFixtures.riskyApplicant();
        features.put("LIMIT_BAL", "a lot");
        features.put("EDUCATION", true);
        features.put("PAY_0", List.of(1));
        var response = api.post(SCORE, TaiwanFixtures.request("v-4", features));
        assertErrors(response, 400, "features.LIMIT_BAL", "features.EDUCATION", "features.PAY_0");
        assertThat(message(response, "features.LIMIT_BAL")).contains("must be a number");
    }

    @Test
    void rejectsValuesOutOfRangeAndUnknownCategories() {
        Map<String, Object> features = TaiwanFixtures.riskyApplicant();
        features.put("PAY_0", 12);
        features.put("EDUCATION", "7");
        features.put("AGE", 12);
        var response = api.post(SCORE, TaiwanFixtures.request("v-5", features));
        assertErrors(response, 400, "features.PAY_0", "features.EDUCATION", "features.AGE");
        assertThat(message(response, "features.PAY_0")).contains("outside the allowed range [-2, 9]");
        assertThat(message(response, "features.EDUCATION")).contains("'7' is not one of");
    }

    @Test
    void rejectsNaNAndInfinity() {
        String body = """
                {"applicationId": "v-6", "features": {"LIMIT_BAL": NaN, "PAY_0": "Infinity", "BILL_AMT1": -Infinity,
                 "EDUCATION": "2"}}""";
        var response = api.postText(SCORE, body);
        assertErrors(response, 400, "features.LIMIT_BAL", "features.PAY_0", "features.BILL_AMT1");
        assertThat(message(response, "features.LIMIT_BAL")).contains("finite");
    }

    /** Numbers beyond the double range are client errors on the field, not a failure of the server. */
    @Test
    void rejectsNumbersBeyondTheDoubleRange() {
        String body = """
                {"applicationId": "v-6b", "features": {"LIMIT_BAL": 1e400, "PAY_0": 0, "BILL_AMT1": 1%s, "EDUCATION": "2"}}""".formatted("0".repeat(400));
        var response = api.postText(SCORE, body);
        assertErrors(response, 400, "features.LIMIT_BAL", "features.BILL_AMT1");
        assertThat(message(response, "features.BILL_AMT1")).contains("finite");
    }

    @Test
    void rejectsMalformedJson() {
        var response = api.postText(SCORE, "{\"applicationId\": \"v-7\", \"features\": {");
        assertErrors(response, 400, "body");
        assertThat(api.postText(SCORE, "[1, 2]").getStatusCode().value()).isEqualTo(400);
        assertThat(api.postText(SCORE, "").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void rejectsAnOversizeBody() {
        String padding = "x".repeat(70_000);
        var response = api.post(SCORE, Map.of("applicationId", padding, "features", TaiwanFixtures.riskyApplicant()));
        assertErrors(response, 413, "body");
    }

    /** A body sent in chunks declares no length: it is read up to the limit instead of into an array of its size. */
    @Test
    void readsABodySentInChunksAndRefusesOneOverTheLimit() throws Exception {
        HttpResponse<String> scored = postChunked(CreditJson.json().writeValueAsString(valid()));
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        assertThat(CreditJson.json()
                        .readTree(scored.body())
                        .get("applicationId")
                        .asString())
                .isEqualTo("v-0");

        HttpResponse<String> oversize = postChunked(CreditJson.json()
                .writeValueAsString(Map.of("applicationId", "x".repeat(70_000), "features", Map.of())));
        assertThat(oversize.statusCode()).as(oversize.body()).isEqualTo(413);
    }

    @Test
    void rejectsAnOversizeBatch() {
        List<Map<String, Object>> applications = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            applications.add(TaiwanFixtures.request("b-" + i, TaiwanFixtures.safeApplicant()));
        }
        var response = api.post(SCORE + "/batch", Map.of("applications", applications));
        assertErrors(response, 413, "applications");
        assertThat(message(response, "applications")).contains("holds 51 applications, at most 50");
    }

    @Test
    void namesTheApplicationOfEachFaultInABatch() {
        Map<String, Object> bad = TaiwanFixtures.safeApplicant();
        bad.put("PAY_0", -5);
        var response = api.post(
                SCORE + "/batch",
                Map.of(
                        "applications",
                        List.of(
                                TaiwanFixtures.request("ok", TaiwanFixtures.safeApplicant()),
                                TaiwanFixtures.request("bad", bad))));
        assertErrors(response, 400, "applications[1].features.PAY_0");
    }

    @Test
    void rejectsAnApplicationIdWithAControlCharacterOrOverTheLengthLimitNamingTheField() {
        // a valid application with such an id takes the one-pass reader, an invalid one the tree path: both check it
        var nul = api.post(SCORE, TaiwanFixtures.request("app-1\u0000", TaiwanFixtures.riskyApplicant()));
        assertErrors(nul, 400, "applicationId");
        assertThat(message(nul, "applicationId")).contains("control character U+0000");

        var longId = api.post(SCORE, TaiwanFixtures.request("x".repeat(10_000), TaiwanFixtures.riskyApplicant()));
        assertErrors(longId, 400, "applicationId");
        assertThat(message(longId, "applicationId"))
                .startsWith("has 10000 characters; at most 128 are allowed")
                .hasSizeLessThan(200);

        Map<String, Object> badFeatures = TaiwanFixtures.riskyApplicant();
        badFeatures.put("PAY_0", 12);
        String loneSurrogate = CreditJson.json()
                .writeValueAsString(TaiwanFixtures.request("app-SURROGATE", badFeatures))
                .replace("SURROGATE", "\\ud800");
        assertErrors(api.postText(SCORE, loneSurrogate), 400, "applicationId", "features.PAY_0");

        var batch = api.post(
                SCORE + "/batch",
                Map.of(
                        "applications",
                        List.of(
                                TaiwanFixtures.request("ok", TaiwanFixtures.safeApplicant()),
                                TaiwanFixtures.request("tab\there", TaiwanFixtures.safeApplicant()))));
        assertErrors(batch, 400, "applications[1].applicationId");
        assertThat(api.post(SCORE, TaiwanFixtures.request("a".repeat(128), TaiwanFixtures.riskyApplicant()))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void rejectsMalformedInferenceInputs() {
        var response = api.post(
                "/v2/models/" + PORTFOLIO + "/infer",
                Map.of(
                        "inputs",
                        List.of(
                                Map.of(
                                        "name",
                                        "LIMIT_BAL",
                                        "datatype",
                                        "FP32",
                                        "shape",
                                        List.of(2),
                                        "data",
                                        List.of(1, 2)),
                                Map.of("name", "PAY_0", "datatype", "FP32", "shape", List.of(1), "data", List.of(1)))));
        assertErrors(response, 400, "inputs[1].data");
    }

    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + SCORE))
                            .header("Content-Type", "application/json")
                            .header("X-API-Key", ScoringApiTest.ADMIN_KEY)
                            // a publisher of unknown length: the client sends the body chunked
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Map<String, Object> valid() {
        return TaiwanFixtures.request("v-0", TaiwanFixtures.riskyApplicant());
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status);
        assertThat(response.getBody().get("title").asString()).isNotBlank();
        assertThat(response.getBody().get("type").asString()).startsWith("urn:credit-scoring:problem:");
    }

    private static void assertErrors(ResponseEntity<JsonNode> response, int status, String... fields) {
        assertProblem(response, status);
        assertThat(response.getBody()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder(fields);
    }

    private static String message(ResponseEntity<JsonNode> response, String field) {
        return response.getBody()
                .get("errors")
                .valueStream()
                .filter(e -> e.get("field").asString().equals(field))
                .findFirst()
                .orElseThrow()
                .get("message")
                .asString();
    }
}
