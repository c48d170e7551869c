package io.creditscoring.console.platform;

import java.util.Map;
import org.springframework.web.client.RestClientResponseException;

/** The text a person reads for a refused call: the problem's detail, else its title, else the status. */
final class ProblemText {

    private ProblemText() {}

    static String of(RestClientResponseException e) {
        Map<?, ?> problem = null;
        try {
            problem = e.getResponseBodyAs(Map.class);
        } catch (RuntimeException unreadable) {
            // not problem+json (a proxy's page, say): the status says enough
        }
        if (problem != null) {
            for (String field : new String[] {"detail", "title"}) {
                if (problem.get(field) instanceof String text && !text.isBlank()) {
                    return text;
                }
            }
        }
        return "HTTP " + e.getStatusCode().value();
    }
}
