package io.creditscoring.testsupport;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP calls to a service started on a random port, with an API key, answering JSON trees so that tests can
 * look at error responses (problem details) as easily as successes.
 */
public final class ServiceClient {

    private final RestClient http;

    private ServiceClient(RestClient http) {
        this.http = http;
    }

    /** A client sending {@link TestKeys#ALL_ROLES}. */
    public static ServiceClient onPort(int port) {
        return withKey(port, TestKeys.ALL_ROLES);
    }

    /** A client sending the given key, or none when it is null. */
    public static ServiceClient withKey(int port, String apiKey) {
        // The JDK's client in every module: Apache HttpClient 5, which RestClient prefers when a module happens to
        // have it, re-sends a 429 or 503 after its Retry-After (60 s for a full training queue), so a test would
        // wait and then see the second answer instead of the first.
        RestClient.Builder builder = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {});
        if (apiKey != null) {
            builder.defaultHeader("X-API-Key", apiKey);
        }
        return new ServiceClient(builder.build());
    }

    /** The underlying client, for calls these shortcuts do not cover (headers, other media types). */
    public RestClient http() {
        return http;
    }

    public ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    public String getText(String path) {
        return http.get().uri(path).retrieve().body(String.class);
    }

    public ResponseEntity<JsonNode> postJson(String path, Object body) {
        return http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> put(String path, MediaType type, String body) {
        return http.put().uri(path).contentType(type).body(body).retrieve().toEntity(JsonNode.class);
    }
}
