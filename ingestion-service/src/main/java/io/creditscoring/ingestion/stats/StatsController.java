package io.creditscoring.ingestion.stats;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Counts of what ingestion has stored, read from PostgreSQL (so they survive restarts). */
@RestController
@Tag(name = "Ingestion", description = "Stored applications and outcomes, CSV imports")
class StatsController {

    private final JdbcClient jdbc;
    private final PortfolioCatalog catalog;

    StatsController(JdbcClient jdbc, PortfolioCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @GetMapping("/v1/portfolios/{portfolio}/stats")
    @Operation(summary = "Stored applications, outcomes, labeled applications and dead-lettered records")
    IngestionStats stats(@PathVariable String portfolio) {
        if (catalog.find(portfolio).isEmpty()) {
            throw ApiProblemException.notFound("unknown portfolio '" + portfolio + "'");
        }
        return jdbc.sql("""
                        select (select count(*) from ingestion.applications where portfolio = :p) as applications,
                               (select count(*) from ingestion.outcomes where portfolio = :p) as outcomes,
                               (select count(*) from ingestion.applications a
                                  join ingestion.outcomes o
                                    on o.portfolio = a.portfolio and o.application_id = a.application_id
                                 where a.portfolio = :p) as labeled,
                               (select count(*) from ingestion.dead_letters where portfolio = :p) as dead_lettered
                        """)
                .param("p", portfolio)
                .query((rs, row) -> new IngestionStats(
                        rs.getLong("applications"),
                        rs.getLong("outcomes"),
                        rs.getLong("labeled"),
                        rs.getLong("dead_lettered")))
                .single();
    }
}
