package io.creditscoring.training;

import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.ServiceClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Trains each bundled portfolio once per test JVM with default settings, through REST and the real database, and
 * shares the finished run between test methods and classes (Taiwan takes seconds, not milliseconds).
 */
public final class BundledRuns {

    private static final Map<String, UUID> RUNS = new ConcurrentHashMap<>();

    private BundledRuns() {}

    public static void load(PortfolioCatalog catalog) {
        for (PortfolioSchema schema : BundledPortfolios.all()) {
            catalog.registerIfAbsent(schema);
        }
        LabelledDataFixture.loadBundled(SampleData.TAIWAN_CARDS, BundledPortfolios.taiwanCards());
        LabelledDataFixture.loadBundled(SampleData.GERMAN_LOANS, BundledPortfolios.germanLoans());
    }

    /** The default run of a bundled portfolio, trained on first use; waits until it is finished. */
    public static synchronized UUID defaultRun(String portfolio, ServiceClient client, PortfolioCatalog catalog) {
        UUID existing = RUNS.get(portfolio);
        if (existing != null) {
            return existing;
        }
        load(catalog);
        UUID runId = start(client, portfolio, "{}");
        awaitFinished(client, runId);
        RUNS.put(portfolio, runId);
        return runId;
    }

    public static UUID start(ServiceClient client, String portfolio, String body) {
        var response = client.http()
                .post()
                .uri("/v1/portfolios/{p}/training-runs", portfolio)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
        if (response.getStatusCode().value() != 202) {
            throw new IllegalStateException("could not start a run: " + response.getBody());
        }
        return UUID.fromString(response.getBody().get("runId").asString());
    }

    public static JsonNode awaitFinished(ServiceClient client, UUID runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    last[0] = client.get("/v1/training-runs/" + runId).getBody();
                    String status = last[0].get("status").asString();
                    return status.equals("SUCCEEDED") || status.equals("FAILED");
                });
        return last[0];
    }
}
