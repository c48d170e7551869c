package io.creditscoring.console.portfolio;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import io.creditscoring.console.platform.ServiceCallException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A portfolio: its schema in force (protected attributes marked), what ingestion stored, and a CSV import from the
 * browser. The import's body is streamed through to ingestion as it arrives; the browser names the import
 * ({@code X-Import-Id}) and, while it uploads, follows the rows ingestion has counted through
 * {@link #importProgress}; the answer is ingestion's own JSON.
 */
@Controller
class PortfolioController {

    private final PlatformApi platform;
    private final CsvImportRelay imports;

    PortfolioController(PlatformApi platform, CsvImportRelay imports) {
        this.platform = platform;
        this.imports = imports;
    }

    @GetMapping("/portfolios/{portfolio}")
    String portfolio(@PathVariable String portfolio, Model model) {
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("registered", platform.object(Service.INGESTION, "/v1/portfolios/{p}", portfolio));
        model.addAttribute("stats", platform.object(Service.INGESTION, "/v1/portfolios/{p}/stats", portfolio));
        return "portfolio";
    }

    /** Called by portfolio-import.js with the file as the body and the CSRF token as a header. */
    @PostMapping(path = "/portfolios/{portfolio}/imports", consumes = "text/csv")
    ResponseEntity<String> importCsv(@PathVariable String portfolio, HttpServletRequest request) throws IOException {
        return imports.relay(
                portfolio,
                request.getInputStream(),
                request.getContentLengthLong(),
                request.getHeader(CsvImportRelay.IMPORT_ID_HEADER));
    }

    /**
     * Ingestion's progress record of an import, for portfolio-import.js to poll while it uploads: 404 until
     * ingestion has begun it (or for an id it does not know).
     */
    @GetMapping(path = "/portfolios/{portfolio}/imports/{importId}", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> importProgress(@PathVariable String portfolio, @PathVariable String importId) {
        try {
            return platform.objectIfPresent(Service.INGESTION, "/v1/portfolios/{p}/imports/{id}", portfolio, importId)
                    .map(ResponseEntity::ok)
                    .orElseGet(() -> ResponseEntity.notFound().build());
        } catch (ServiceCallException e) {
            return ResponseEntity.status(e.status()).build();
        }
    }
}
