package io.creditscoring.scoring;

import io.creditscoring.model.CreditJson;
import io.creditscoring.testsupport.ServiceClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** HTTP calls to the scoring API with an API key. */
record ScoringClient(ServiceClient client, String apiKey) {

    static ScoringClient onPort(int port, String apiKey) {
        return new ScoringClient(ServiceClient.withKey(port, null), apiKey);
    }

    ResponseEntity<JsonNode> post(String path, Object body) {
        return postText(path, CreditJson.json().writeValueAsString(body));
    }

    ResponseEntity<JsonNode> postText(String path, String body) {
        var request = client.http()
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
        if (apiKey != null) {
            request = request.header("X-API-Key", apiKey);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    ResponseEntity<JsonNode> get(String path) {
        var request = client.http().get().uri(path);
        if (apiKey != null) {
            request = request.header("X-API-Key", apiKey);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }
}
