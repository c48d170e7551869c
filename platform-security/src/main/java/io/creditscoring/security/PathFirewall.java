package io.creditscoring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall (it refuses {@code ;}, encoded {@code /}, {@code \}, {@code .} and {@code %},
 * {@code //}, {@code ..} and control characters) plus one rule of ours: a path may not percent-encode a character
 * that never needs encoding (letters, digits, {@code - . _ ~}). {@code /v1/%61dmin} means {@code /v1/admin} to the
 * router; refusing such spellings means authorization never sees a path the router reads differently.
 */
final class PathFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    PathFirewall() {
        // the same rules as the strict firewall's defaults, checked without regular expressions
        strict.setAllowedHeaderNames(HeaderCharacters.NAME);
        strict.setAllowedHeaderValues(HeaderCharacters.VALUE);
        strict.setAllowedParameterNames(HeaderCharacters.NAME);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        rejectEncodedUnreserved(request.getRequestURI());
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    static void rejectEncodedUnreserved(String uri) {
        if (uri == null) {
            return;
        }
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length()) {
                throw new RequestRejectedException("The request was rejected because the URL has a truncated escape.");
            }
            int high = Character.digit(uri.charAt(i + 1), 16);
            int low = Character.digit(uri.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw new RequestRejectedException("The request was rejected because the URL has a malformed escape.");
            }
            if (isUnreserved((char) (high * 16 + low))) {
                throw new RequestRejectedException("The request was rejected because the URL encodes '"
                        + uri.substring(i, i + 3).toUpperCase(Locale.ROOT)
                        + "', a character that needs no encoding.");
            }
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
