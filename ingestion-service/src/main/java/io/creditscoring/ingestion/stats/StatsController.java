package io.creditscoring.ingestion.stats;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Counts of what ingestion has stored, read from PostgreSQL (so they survive restarts). */
@RestController
@Tag(name = "Ingestion", description = "Stored applications and outcomes, CSV imports")
class StatsController {

    private final IngestionStatsRepository stats;
    private final PortfolioCatalog catalog;

    StatsController(IngestionStatsRepository stats, PortfolioCatalog catalog) {
        this.stats = stats;
        this.catalog = catalog;
    }

    @GetMapping("/v1/portfolios/{portfolio}/stats")
    @Operation(summary = "Stored applications, outcomes, labeled applications and dead-lettered records")
    IngestionStats stats(@PathVariable String portfolio) {
        if (catalog.find(portfolio).isEmpty()) {
            throw ApiProblemException.notFound("unknown portfolio '" + portfolio + "'");
        }
        return stats.count(portfolio);
    }
}
