package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

/** Every answer of the API carries the headers of a JSON API, refusals included. */
@ScoringApiTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void anAnswerIsNeitherCachedNorSniffedNorFramed() {
        var answer = ScoringClient.onPort(port, ScoringApiTest.ADMIN_KEY).get("/v2/health/live");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertApiHeaders(answer.getHeaders());
    }

    @Test
    void aRefusalCarriesTheSameHeaders() {
        var refusal = ScoringClient.onPort(port, null).get("/v2/health/live");

        assertThat(refusal.getStatusCode().value()).isEqualTo(401);
        assertApiHeaders(refusal.getHeaders());
    }

    private static void assertApiHeaders(HttpHeaders headers) {
        assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).containsExactly("no-store");
        assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
        // a browser page's headers, meaningless to an API client (and HSTS is for HTTPS only)
        for (String browserHeader :
                new String[] {"X-XSS-Protection", HttpHeaders.PRAGMA, HttpHeaders.EXPIRES, "Strict-Transport-Security"
                }) {
            assertThat(headers.containsHeader(browserHeader)).as(browserHeader).isFalse();
        }
    }
}
