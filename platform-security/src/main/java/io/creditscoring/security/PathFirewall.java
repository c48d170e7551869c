package io.creditscoring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, with its URL block lists replaced by one pass over the path that refuses more.
 *
 * <p>The strict firewall still checks the method, the host, that the path is normalised ({@code ..}, {@code ./})
 * and printable ASCII, and every header and parameter a handler reads. Its block lists ({@code ;}, {@code //},
 * {@code \}, encoded {@code /}, {@code \}, {@code .}, {@code %}, {@code ;}, NUL, CR, LF and the Unicode line and
 * paragraph separators) were about 80 substring searches per request, the largest part of the firewall's cost
 * on a scoring request (docs/benchmarks.md, issue 12). {@link #rejectUnsafePath} refuses everything they refuse
 * (PathFirewallTest checks it against the strict firewall's own lists), plus one rule of ours: a path may not
 * percent-encode a character that never needs encoding (letters, digits, {@code - . _ ~}). {@code /v1/%61dmin}
 * means {@code /v1/admin} to the router; refusing such spellings means authorization never sees a path the
 * router reads differently.
 */
final class PathFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    PathFirewall() {
        // the same rules as the strict firewall's defaults, checked without regular expressions
        strict.setAllowedHeaderNames(HeaderCharacters.NAME);
        strict.setAllowedHeaderValues(HeaderCharacters.VALUE);
        strict.setAllowedParameterNames(HeaderCharacters.NAME);
        // the block lists' entries, refused by rejectUnsafePath instead
        strict.setAllowSemicolon(true);
        strict.setAllowUrlEncodedSlash(true);
        strict.setAllowUrlEncodedDoubleSlash(true);
        strict.setAllowUrlEncodedPeriod(true);
        strict.setAllowBackSlash(true);
        strict.setAllowNull(true);
        strict.setAllowUrlEncodedPercent(true);
        strict.setAllowUrlEncodedCarriageReturn(true);
        strict.setAllowUrlEncodedLineFeed(true);
        strict.setAllowUrlEncodedParagraphSeparator(true);
        strict.setAllowUrlEncodedLineSeparator(true);
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        rejectUnsafePath(request.getRequestURI());
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    /**
     * Refuses a request URI (the path as sent, before decoding) with {@code ;}, {@code \}, {@code //}, a malformed
     * escape, or an escape of a control character, of {@code / \ . % ;}, of a character that needs no encoding,
     * or of the Unicode line or paragraph separator. Other escapes (a space, UTF-8 letters) pass.
     */
    static void rejectUnsafePath(String uri) {
        if (uri == null) {
            return;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ';' || c == '\\') {
                throw rejected("has '" + c + "'");
            }
            if (c == '/' && i + 1 < uri.length() && uri.charAt(i + 1) == '/') {
                throw rejected("has '//'");
            }
            if (c == '%') {
                int decoded = escapedByte(uri, i);
                if (decoded < 0x20 || decoded == 0x7F || "/\\%;".indexOf(decoded) >= 0) {
                    throw rejected("encodes '" + escape(uri, i) + "', a character no path may hold");
                }
                if (isUnreserved(decoded)) {
                    throw rejected("encodes '" + escape(uri, i) + "', a character that needs no encoding");
                }
                if (decoded == 0xE2 && isSeparatorTail(uri, i + 3)) {
                    throw rejected("encodes a Unicode line or paragraph separator");
                }
                i += 2;
            }
        }
    }

    /** The byte of the escape at {@code %} position {@code i}. */
    private static int escapedByte(String uri, int i) {
        if (i + 2 >= uri.length()) {
            throw rejected("has a truncated escape");
        }
        int high = Character.digit(uri.charAt(i + 1), 16);
        int low = Character.digit(uri.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
            throw rejected("has a malformed escape");
        }
        return high * 16 + low;
    }

    /** U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8: whether {@code %80%A8} or {@code %80%A9} follows. */
    private static boolean isSeparatorTail(String uri, int from) {
        return from + 5 < uri.length()
                && uri.charAt(from) == '%'
                && uri.charAt(from + 3) == '%'
                && escapedByte(uri, from) == 0x80
                && (escapedByte(uri, from + 3) & 0xFE) == 0xA8;
    }

    private static String escape(String uri, int i) {
        return uri.substring(i, i + 3).toUpperCase(Locale.ROOT);
    }

    private static RequestRejectedException rejected(String why) {
        return new RequestRejectedException("The request was rejected because the URL " + why + ".");
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
