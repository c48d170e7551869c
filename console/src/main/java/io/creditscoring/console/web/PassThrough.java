package io.creditscoring.console.web;

import io.creditscoring.console.signin.SignedInKey;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the console passes on from a service as it came (a drift window's or a run's HTML report, a model's ONNX
 * artifact): fetched server-side with the signed-in key, which never reaches the browser, and only for keys whose
 * roles allow it ({@code ConsoleUser.canDownload}).
 */
public final class PassThrough {

    /**
     * A report's own page: its inline style allowed, nothing else (no script, no other origin), and sandboxed, so the
     * report cannot act as the console even if a label in it were crafted.
     */
    public static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private PassThrough() {}

    /**
     * Refuses a key that may not read reports and artifacts with the console's own 403 page, before any service is
     * called (sent as an error, as Spring Security sends its refusals, rather than thrown: an exception here would
     * meet whichever exception handlers share the application). Answers whether it refused.
     */
    public static boolean refusedWithoutDownloadRole(HttpServletResponse response) throws IOException {
        if (SignedInKey.user().canDownload()) {
            return false;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "reports and artifacts need a key with the READER role");
        return true;
    }

    /** A service's HTML report under {@link #REPORT_POLICY}, never cached. */
    public static ResponseEntity<String> report(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", REPORT_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html);
    }
}
