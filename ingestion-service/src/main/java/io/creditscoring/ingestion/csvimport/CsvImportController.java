package io.creditscoring.ingestion.csvimport;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports over HTTP: a CSV body (streamed, never buffered whole, answered when done) or a file in an object store
 * (answered 202 at once, run in the background). Every import gets its id before its first row is read and is
 * recorded in {@code ingestion.imports}, so its progress can be read on any replica while it runs.
 */
@RestController
@Tag(name = "Ingestion", description = "Stored applications and outcomes, CSV imports")
class CsvImportController {

    static final String IMPORT_ID_HEADER = "X-Import-Id";

    private static final Logger log = LoggerFactory.getLogger(CsvImportController.class);
    private static final int MAX_PAGE_SIZE = 100;

    private final PortfolioCatalog catalog;
    private final CsvImporter importer;
    private final ImportTracker tracker;
    private final ObjectStoreImports objectStore;

    CsvImportController(
            PortfolioCatalog catalog, CsvImporter importer, ImportTracker tracker, ObjectStoreImports objectStore) {
        this.catalog = catalog;
        this.importer = importer;
        this.tracker = tracker;
        this.objectStore = objectStore;
    }

    @PostMapping(path = "/v1/portfolios/{portfolio}/imports", consumes = "text/csv")
    @Audited("import.csv")
    @Operation(
            summary = "Publish every row of a CSV file (laid out as the schema says) to Kafka; its progress is at"
                    + " GET .../imports/{importId} while it runs",
            // the body is read as a stream, so it is described here rather than taken from a parameter
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "the CSV file, streamed",
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    ImportResult importCsv(
            @PathVariable String portfolio,
            @Parameter(
                            description = "the import's id (a UUID), so that a client can follow its progress while it"
                                    + " uploads; the service makes one when absent")
                    @RequestHeader(name = IMPORT_ID_HEADER, required = false)
                    String importIdHeader,
            InputStream body,
            HttpServletRequest http)
            throws IOException {
        RegisteredPortfolio registered = portfolio(portfolio);
        UUID importId = importId(importIdHeader);
        tracker.begin(importId, portfolio, ImportTracker.REQUEST_BODY);
        try (body) {
            ImportResult result = importer.importCsv(registered.schema(), body, importId, tracker.progressOf(importId));
            tracker.succeeded(importId, ImportCounts.of(result));
            http.setAttribute(
                    AuditLog.DETAIL_ATTRIBUTE,
                    "import " + result.importId() + ": " + result.rowsRead() + " rows read, "
                            + result.applicationsPublished() + " applications published, "
                            + result.rejected().size() + " rejected");
            return result;
        } catch (CsvImportException e) {
            tracker.failed(importId, e.getMessage(), null);
            throw ApiProblemException.badRequest(e.getMessage());
        } catch (CsvImportTooLargeException e) {
            tracker.failed(importId, e.getMessage(), ImportCounts.of(e.published()));
            http.setAttribute(
                    AuditLog.DETAIL_ATTRIBUTE, "import " + e.published().importId() + " stopped at the row limit");
            throw ApiProblemException.payloadTooLarge(e.getMessage(), new SchemaViolation("body", e.getMessage()));
        } catch (ImportPublishException e) {
            log.warn("CSV import for {} failed", portfolio, e);
            tracker.failed(importId, "Kafka did not acknowledge the import's rows", null);
            throw ApiProblemException.unavailable(
                    "Kafka did not acknowledge the import's rows; rows read so far may be partly published,"
                            + " and importing the file again is safe.");
        } catch (RuntimeException | IOException e) {
            tracker.failed(importId, "the upload stopped or the import failed unexpectedly", null);
            throw e;
        }
    }

    @PostMapping(path = "/v1/portfolios/{portfolio}/imports", consumes = "application/json")
    @Audited("import.object-store")
    @Operation(
            summary =
                    "Import a CSV or Parquet file from an object store ({\"source\": \"s3://bucket/key\"}, an allowed bucket)"
                            + " in the background: 202 with the import id; follow it at GET .../imports/{importId}")
    ResponseEntity<ImportAccepted> importFromObjectStore(
            @PathVariable String portfolio,
            @Parameter(description = "the import's id (a UUID); the service makes one when absent")
                    @RequestHeader(name = IMPORT_ID_HEADER, required = false)
                    String importIdHeader,
            @RequestBody ObjectStoreImportRequest request,
            HttpServletRequest http) {
        RegisteredPortfolio registered = portfolio(portfolio);
        ObjectLocation location = ObjectLocation.parse(request.source());
        ImportFormat format = ImportFormat.of(request.format(), location);
        UUID importId = importId(importIdHeader);
        objectStore.start(importId, registered.schema(), location, format);
        http.setAttribute(AuditLog.DETAIL_ATTRIBUTE, "import " + importId + " of " + location + " queued");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/v1/portfolios/" + portfolio + "/imports/" + importId)
                .body(new ImportAccepted(importId.toString(), ImportStatus.RUNNING));
    }

    @GetMapping("/v1/portfolios/{portfolio}/imports/{importId}")
    @Operation(
            summary = "An import's progress (counters at most about a second old while it runs) and outcome, on"
                    + " any replica")
    ImportView get(@PathVariable String portfolio, @PathVariable String importId) {
        return parse(importId)
                .flatMap(id -> tracker.find(portfolio, id))
                .orElseThrow(() ->
                        ApiProblemException.notFound("no import " + importId + " of portfolio '" + portfolio + "'"));
    }

    @GetMapping("/v1/portfolios/{portfolio}/imports")
    @Operation(summary = "A portfolio's imports, newest first")
    ImportPage list(
            @PathVariable String portfolio,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "imports per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        portfolio(portfolio);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblemException.validation(
                    "invalid page",
                    List.of(new SchemaViolation(
                            page < 0 ? "page" : "size",
                            "page is 0 or more and size 1 to " + MAX_PAGE_SIZE + ", got page " + page + " and size "
                                    + size)));
        }
        return tracker.list(portfolio, page, size);
    }

    private RegisteredPortfolio portfolio(String portfolio) {
        return catalog.find(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound("unknown portfolio '" + portfolio + "'"));
    }

    private static UUID importId(String header) {
        if (header == null || header.isBlank()) {
            return UUID.randomUUID();
        }
        return parse(header)
                .orElseThrow(() -> ApiProblemException.validation(
                        "invalid " + IMPORT_ID_HEADER,
                        List.of(new SchemaViolation(
                                IMPORT_ID_HEADER,
                                "must be a UUID such as " + "123e4567-e89b-12d3-a456-426614174000"))));
    }

    private static Optional<UUID> parse(String id) {
        try {
            UUID uuid = UUID.fromString(id.trim());
            // UUID.fromString also takes short forms such as 1-1-1-1-1: only the canonical spelling is an id
            return uuid.toString().equalsIgnoreCase(id.trim()) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
