package io.creditscoring.ingestion.csvimport;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** CSV import over HTTP: the request body is streamed, never buffered whole. */
@RestController
@Tag(name = "Ingestion", description = "Stored applications and outcomes, CSV imports")
class CsvImportController {

    private static final Logger log = LoggerFactory.getLogger(CsvImportController.class);

    private final PortfolioCatalog catalog;
    private final CsvImporter importer;

    CsvImportController(PortfolioCatalog catalog, CsvImporter importer) {
        this.catalog = catalog;
        this.importer = importer;
    }

    @PostMapping(path = "/v1/portfolios/{portfolio}/imports", consumes = "text/csv")
    @Audited("import.csv")
    @Operation(summary = "Publish every row of a CSV file (laid out as the schema says) to Kafka")
    ImportResult importCsv(@PathVariable String portfolio, InputStream body, HttpServletRequest http)
            throws IOException {
        RegisteredPortfolio registered = catalog.find(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound("unknown portfolio '" + portfolio + "'"));
        try (body) {
            ImportResult result = importer.importCsv(registered.schema(), body);
            http.setAttribute(
                    AuditLog.DETAIL_ATTRIBUTE,
                    "import " + result.importId() + ": " + result.rowsRead() + " rows read, "
                            + result.applicationsPublished() + " applications published, "
                            + result.rejected().size() + " rejected");
            return result;
        } catch (CsvImportException e) {
            throw ApiProblemException.badRequest(e.getMessage());
        } catch (CsvImportTooLargeException e) {
            http.setAttribute(
                    AuditLog.DETAIL_ATTRIBUTE, "import " + e.published().importId() + " stopped at the row limit");
            throw ApiProblemException.payloadTooLarge(e.getMessage(), new SchemaViolation("body", e.getMessage()));
        } catch (ImportPublishException e) {
            log.warn("CSV import for {} failed", portfolio, e);
            throw ApiProblemException.unavailable(
                    "Kafka did not acknowledge the import's rows; rows read so far may be partly published,"
                            + " and importing the file again is safe.");
        }
    }
}
