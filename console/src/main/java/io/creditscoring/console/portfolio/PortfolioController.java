package io.creditscoring.console.portfolio;

import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.Service;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A portfolio: its schema in force (protected attributes marked), what ingestion stored, and a CSV import from the
 * browser. The import's body is streamed through to ingestion as it arrives, so the browser's upload progress
 * (portfolio-import.js) is the import's progress; the answer is ingestion's own JSON.
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
        return imports.relay(portfolio, request.getInputStream(), request.getContentLengthLong());
    }
}
