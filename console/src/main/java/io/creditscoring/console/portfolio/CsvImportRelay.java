package io.creditscoring.console.portfolio;

import io.creditscoring.console.ConsoleProperties;
import io.creditscoring.console.signin.SignedInKey;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Streams a CSV file from the browser to ingestion's {@code POST /v1/portfolios/{p}/imports} as the signed-in key,
 * never holding it whole, with its own (long) timeout: an import of millions of rows outlasts a page's call. The
 * browser gets ingestion's answer as it came: the import result, or its problem detail with its status.
 */
@Component
class CsvImportRelay {

    static final String IMPORT_ID_HEADER = "X-Import-Id";

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final RestClient ingestion;

    CsvImportRelay(ConsoleProperties properties) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(properties.callTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.importTimeout());
        this.ingestion = RestClient.builder()
                .baseUrl(properties.services().ingestion().toString())
                .requestFactory(requests)
                .build();
    }

    /** Relays the file; {@code importId} (the browser's {@code X-Import-Id}, may be null) is passed on as it came. */
    ResponseEntity<String> relay(String portfolio, InputStream csv, long length, String importId) {
        try {
            return ingestion
                    .post()
                    .uri("/v1/portfolios/{p}/imports", portfolio)
                    .header("X-API-Key", SignedInKey.current())
                    .contentType(MediaType.valueOf("text/csv"))
                    .headers(headers -> {
                        if (length >= 0) {
                            headers.setContentLength(length);
                        }
                        if (importId != null) {
                            headers.set(IMPORT_ID_HEADER, importId);
                        }
                    })
                    .accept(MediaType.APPLICATION_JSON, PROBLEM)
                    .body(out -> csv.transferTo(out))
                    .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                            .contentType(contentType(response.getHeaders()))
                            .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (RestClientResponseException e) {
            return ResponseEntity.status(e.getStatusCode()).contentType(PROBLEM).body(e.getResponseBodyAsString());
        } catch (ResourceAccessException e) {
            return ResponseEntity.status(503)
                    .contentType(PROBLEM)
                    .body("{\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"ingestion-service did not answer; importing the file again is safe.\"}");
        }
    }

    private static MediaType contentType(HttpHeaders headers) {
        return headers.getContentType() == null ? MediaType.APPLICATION_JSON : headers.getContentType();
    }
}
