package io.creditscoring.standalone.demo;

import io.creditscoring.standalone.StandaloneSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The demo's HTTP calls to the four services, through their public APIs only. */
final class PlatformClient {

    private final RestClient ingestion;
    private final RestClient training;
    private final RestClient scoring;
    private final RestClient drift;

    PlatformClient(StandaloneSettings settings, String apiKey) {
        this.ingestion = client(settings.ingestionPort(), apiKey);
        this.training = client(settings.trainingPort(), apiKey);
        this.scoring = client(settings.scoringPort(), apiKey);
        this.drift = client(settings.driftPort(), apiKey);
    }

    private static RestClient client(int port, String apiKey) {
        // the JDK's client: Apache HttpClient 5 (on the standalone's class path through the AWS SDK) would re-send a
        // 503 or 429 by itself, and the demo reads those answers (a champion not loaded yet)
        return RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-API-Key", apiKey)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new DemoFailure("HTTP " + response.getStatusCode().value() + " from " + request.getURI()
                            + ": " + new String(response.getBody().readAllBytes()));
                })
                .build();
    }

    JsonNode importCsv(String portfolio, byte[] csv) {
        return ingestion
                .post()
                .uri("/v1/portfolios/{p}/imports", portfolio)
                .contentType(MediaType.valueOf("text/csv"))
                .body(csv)
                .retrieve()
                .body(JsonNode.class);
    }

    JsonNode stats(String portfolio) {
        return ingestion
                .get()
                .uri("/v1/portfolios/{p}/stats", portfolio)
                .retrieve()
                .body(JsonNode.class);
    }

    JsonNode startTraining(String portfolio) {
        return training.post()
                .uri("/v1/portfolios/{p}/training-runs", portfolio)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .retrieve()
                .body(JsonNode.class);
    }

    JsonNode trainingRun(String runId) {
        return training.get().uri("/v1/training-runs/{id}", runId).retrieve().body(JsonNode.class);
    }

    JsonNode models(String portfolio) {
        return training.get()
                .uri("/v1/portfolios/{p}/models", portfolio)
                .retrieve()
                .body(JsonNode.class);
    }

    /** Files a four-eyes promotion request to make the version champion, as this client's key. */
    JsonNode requestChampion(String portfolio, int version, String reason) {
        return training.post()
                .uri("/v1/portfolios/{p}/models/{v}/promotion-requests", portfolio, version)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("alias", "champion", "reason", reason))
                .retrieve()
                .body(JsonNode.class);
    }

    JsonNode pendingPromotionRequests(String portfolio) {
        return training.get()
                .uri("/v1/promotion-requests?portfolio={p}&status=PENDING", portfolio)
                .retrieve()
                .body(JsonNode.class);
    }

    /** Approves a promotion request as this client's key (which must not be the requester's). */
    JsonNode approve(String requestId, String comment) {
        return training.post()
                .uri("/v1/promotion-requests/{id}/approve", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("comment", comment))
                .retrieve()
                .body(JsonNode.class);
    }

    /** Creates an API key with the roles (this client's key must be an ADMIN); answers the key, shown once. */
    String createKey(String keyId, List<String> roles) {
        return scoring.post()
                .uri("/v1/admin/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("keyId", keyId, "roles", roles))
                .retrieve()
                .body(JsonNode.class)
                .path("apiKey")
                .asString();
    }

    JsonNode scoreBatch(String portfolio, Object body) {
        return scoring.post()
                .uri("/v1/portfolios/{p}/score/batch", portfolio)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * The model version the scoring API serves the portfolio with (OIP model readiness, which scores nothing), or 0
     * while it has none loaded (503: the champion is promoted but not loaded yet).
     */
    int servedVersion(String portfolio) {
        return scoring.get().uri("/v2/models/{p}/ready", portfolio).exchange((request, response) -> {
            int status = response.getStatusCode().value();
            if (status == 503) {
                return 0;
            }
            if (response.getStatusCode().isError()) {
                throw new DemoFailure("HTTP " + status + " from " + request.getURI() + ": "
                        + new String(response.getBody().readAllBytes()));
            }
            return response.bodyTo(JsonNode.class).path("version").asInt();
        });
    }

    /**
     * Asks the drift monitor to evaluate the portfolio's pending events now; false when none were pending (409: its
     * own trigger may have closed the window first).
     */
    boolean evaluateDrift(String portfolio) {
        return drift.post().uri("/v1/portfolios/{p}/drift/evaluate", portfolio).exchange((request, response) -> {
            int status = response.getStatusCode().value();
            if (status == 409) {
                return false;
            }
            if (response.getStatusCode().isError()) {
                throw new DemoFailure("HTTP " + status + " from " + request.getURI() + ": "
                        + new String(response.getBody().readAllBytes()));
            }
            return true;
        });
    }

    /** The portfolio's drift windows holding events received since {@code from}, newest first. */
    JsonNode driftWindows(String portfolio, Instant from) {
        return drift.get()
                .uri(b -> b.path("/v1/portfolios/{p}/drift/windows")
                        .queryParam("from", from.toString())
                        .build(portfolio))
                .retrieve()
                .body(JsonNode.class);
    }

    /** One drift window's full result. */
    JsonNode driftWindow(String portfolio, long windowId) {
        return drift.get()
                .uri("/v1/portfolios/{p}/drift/windows/{id}", portfolio, windowId)
                .retrieve()
                .body(JsonNode.class);
    }

    /** The comparison report of a run (HTML). */
    byte[] trainingReport(String runId) {
        return training.get()
                .uri("/v1/training-runs/{id}/report", runId)
                .retrieve()
                .body(byte[].class);
    }

    /** The report of a drift window (HTML). */
    byte[] driftReport(String portfolio, long windowId) {
        return drift.get()
                .uri("/v1/portfolios/{p}/drift/reports/{w}", portfolio, windowId)
                .retrieve()
                .body(byte[].class);
    }
}
