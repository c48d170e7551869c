package io.creditscoring.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, the accessibility rules engine, taken from the npm registry without the npm CLI: the pinned release's
 * tarball is downloaded once with the JDK's HTTP client, checked against the registry's sha512 integrity, cached
 * under {@code target/axe-core/}, and its {@code axe.min.js} read out of the tar. The test injects it into each page
 * (WebDriver's script execution is not subject to the page's CSP) and runs it there.
 */
final class AxeCore {

    static final String VERSION = "4.14.1";

    /** {@code dist.integrity} of axe-core 4.14.1 in the npm registry's metadata. */
    static final String INTEGRITY =
            "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";

    private static final URI TARBALL = URI.create("https://registry.npmjs.org/axe-core/-/axe-core-" + VERSION + ".tgz");
    private static final Path CACHE = Path.of("target", "axe-core", "axe-core-" + VERSION + ".tgz");
    private static final String ENTRY = "package/axe.min.js";

    /** Impacts that fail the test; "moderate" and "minor" findings are reported by axe but tolerated. */
    static final List<String> FAILING_IMPACTS = List.of("serious", "critical");

    /**
     * Runs axe in the browser on the whole document and answers the serious and critical violations, one line each
     * (rule, impact, help, the offending nodes' selectors).
     */
    private static final String RUN = """
            const impacts = arguments[0];
            const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(result => done(result.violations
                .filter(v => impacts.includes(v.impact))
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                    + v.nodes.slice(0, 5).map(n => n.target.join(' ')
                        + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : ''))
                        .join('; '))), error => done(['axe failed: ' + error]));
            """;

    private static String script;

    private AxeCore() {}

    /** The serious and critical violations axe finds on the browser's current page. */
    @SuppressWarnings("unchecked")
    static List<String> violations(JavascriptExecutor browser) {
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
            browser.executeScript(script());
        }
        return (List<String>) browser.executeAsyncScript(RUN, FAILING_IMPACTS);
    }

    /** axe.min.js of the pinned release. */
    static synchronized String script() {
        if (script == null) {
            try {
                script = new String(entry(verifiedTarball(), ENTRY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static byte[] verifiedTarball() throws IOException {
        if (Files.exists(CACHE)) {
            byte[] cached = Files.readAllBytes(CACHE);
            if (integrity(cached).equals(INTEGRITY)) {
                return cached;
            }
        }
        byte[] downloaded;
        try (HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build()) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(TARBALL)
                            .timeout(Duration.ofMinutes(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(TARBALL + " answered " + response.statusCode());
            }
            downloaded = response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted downloading " + TARBALL, e);
        }
        String actual = integrity(downloaded);
        if (!actual.equals(INTEGRITY)) {
            throw new IOException(TARBALL + " has integrity " + actual + ", expected " + INTEGRITY);
        }
        Files.createDirectories(CACHE.getParent());
        Path partial = Files.createTempFile(CACHE.getParent(), "axe-core", ".part");
        Files.write(partial, downloaded);
        Files.move(partial, CACHE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return downloaded;
    }

    /** The npm integrity string of some bytes: "sha512-" and the base64 of their SHA-512. */
    static String integrity(byte[] bytes) {
        try {
            return "sha512-"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of a gzipped tar archive. */
    static byte[] entry(byte[] tarball, String wanted) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && entry.getName().equals(wanted)) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new IOException("no " + wanted + " in the axe-core tarball");
    }
}
