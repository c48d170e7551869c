package io.creditscoring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class PathFirewallTest {

    private final PathFirewall firewall = new PathFirewall();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/%61dmin/api-keys",
                "/v1/%41DMIN",
                "/v1/admin%2Dkeys",
                "/v1/x%7E",
                "/v1/%5f",
                "/v1/%3",
                "/v1/%zz",
                "/v1/admin;x/api-keys",
                "/v1//admin",
                "/v1/%2e%2e/admin",
                "/v1/a%2Fb",
                "/v1/a%09b",
                "/v1/a%E2%80%a9b"
            })
    void refusesUnsafeAndNeedlessEscapes(String uri) {
        assertThatThrownBy(() -> PathFirewall.rejectUnsafePath(uri)).isInstanceOf(RequestRejectedException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/portfolios/p/decisions/APP%20123",
                "/v1/x/caf%C3%A9",
                "/v1/x/%E2%80%99",
                "/v1/admin/api-keys",
                "/v1/a.b/c-d_e~f",
                "/"
            })
    void letsOtherPathsThrough(String uri) {
        assertThatCode(() -> PathFirewall.rejectUnsafePath(uri)).doesNotThrowAnyException();
        assertThatCode(() -> firewall.getFirewalledRequest(request(uri))).doesNotThrowAnyException();
    }

    /**
     * The strict firewall's block lists were replaced by one pass: every path that Spring Security's strict firewall
     * with its defaults refuses is still refused. The paths hold each entry of its default lists, raw and
     * percent-encoded, at the start, the end and inside a path. The lists are read from Spring Security itself, so
     * an entry added by a new version is tried too.
     */
    @Test
    void refusesEveryPathTheStrictFirewallRefuses() {
        StrictHttpFirewall defaults = new StrictHttpFirewall();
        List<String> spellings = new ArrayList<>(defaults.getEncodedUrlBlocklist());
        defaults.getDecodedUrlBlocklist().forEach(entry -> {
            spellings.add(entry);
            spellings.add(percentEncoded(entry));
        });
        assertThat(spellings).contains("%2F", "//", "\\", ";", "%25", "\u2028");

        for (String spelling : spellings) {
            List<String> refusedByStrict = Stream.of("/v1/admin/api-keys", "/v1/admin/", "/")
                    .flatMap(path -> Stream.of(spelling + path, path + spelling, "/v1" + spelling + "admin"))
                    .filter(uri -> refuses(defaults, uri))
                    .toList();
            // the paths made of each entry do exercise the strict firewall
            assertThat(refusedByStrict).as(spelling).isNotEmpty();
            for (String uri : refusedByStrict) {
                assertThat(refuses(firewall, uri)).as(uri).isTrue();
            }
        }
    }

    private static boolean refuses(HttpFirewall firewall, String uri) {
        try {
            firewall.getFirewalledRequest(request(uri));
            return false;
        } catch (RequestRejectedException e) {
            return true;
        }
    }

    /**
     * A request as the container hands it over: the raw URI, and the decoded path as the servlet path (the raw one
     * where it cannot be decoded, which Tomcat would have refused already).
     */
    private static MockHttpServletRequest request(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        String path;
        try {
            path = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            path = uri;
        }
        request.setServletPath(path);
        return request;
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return encoded.toString();
    }
}
