package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedObjectStore;
import io.creditscoring.testsupport.WithRealServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service with object-store imports pointed at the shared S3-compatible server (S3Proxy on localhost), and the
 * calls its import tests make. The CSV and Parquet import tests extend it so that they share one Spring context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME,
            // progress is recorded every 5 rows, so a small file shows it while it runs
            "ingestion.csv-import.progress-every=5",
            "ingestion.object-store.allowed-buckets=" + ObjectStoreImportTestSupport.BUCKET,
            "ingestion.object-store.access-key=" + SharedObjectStore.ACCESS_KEY,
            "ingestion.object-store.secret-key=" + SharedObjectStore.SECRET_KEY,
            "ingestion.object-store.region=" + SharedObjectStore.REGION,
        })
@WithRealServers
abstract class ObjectStoreImportTestSupport {

    static final String BUCKET = "lender-exports";

    static final String SCHEMA = """
            portfolio: %s
            idColumn: id
            target: {column: outcome, positive: "yes"}
            features:
              - {name: amount, type: numeric, min: 0}
              - {name: sector, type: categorical, categories: [Retail, Farming]}
            """;

    @DynamicPropertySource
    static void objectStore(DynamicPropertyRegistry registry) {
        registry.add(
                "ingestion.object-store.endpoint",
                () -> SharedObjectStore.endpoint().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    PortfolioCatalog catalog;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
        SharedObjectStore.bucket(BUCKET);
    }

    /** Registers a portfolio of {@link #SCHEMA} under this name. */
    String portfolio(String name) {
        catalog.registerIfAbsent(PortfolioSchemaReader.read(SCHEMA.formatted(name)));
        return name;
    }

    ResponseEntity<JsonNode> importFromStore(String portfolio, String source, String importId) {
        return importFromStore(portfolio, source, null, importId);
    }

    ResponseEntity<JsonNode> importFromStore(String portfolio, String source, String format, String importId) {
        Map<String, String> request = new HashMap<>();
        request.put("source", source);
        if (format != null) {
            request.put("format", format);
        }
        return client.http()
                .post()
                .uri("/v1/portfolios/{portfolio}/imports", portfolio)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (importId != null) {
                        h.set("X-Import-Id", importId);
                    }
                })
                .body(request)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    /** Imports the object (202) and answers the import's record once it is no longer RUNNING. */
    JsonNode importedFromStore(String portfolio, String source, String format) {
        String importId = importFromStore(portfolio, source, format, null)
                .getBody()
                .get("importId")
                .asString();
        return awaitFinished(portfolio, importId);
    }

    /** The import's record once it is no longer RUNNING. */
    JsonNode awaitFinished(String portfolio, String importId) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> client.get("/v1/portfolios/" + portfolio + "/imports/" + importId)
                                .getBody(),
                        view -> view != null
                                && view.has("status")
                                && !view.get("status").asString().equals("RUNNING"));
    }

    /** Waits until the intake has stored this many applications and outcomes of the portfolio. */
    void awaitStored(String portfolio, long applications, long outcomes) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    JsonNode stats =
                            client.get("/v1/portfolios/" + portfolio + "/stats").getBody();
                    assertThat(stats.get("applications").asLong()).isEqualTo(applications);
                    assertThat(stats.get("outcomes").asLong()).isEqualTo(outcomes);
                });
    }
}
