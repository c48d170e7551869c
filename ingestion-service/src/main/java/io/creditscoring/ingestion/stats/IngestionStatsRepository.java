package io.creditscoring.ingestion.stats;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts of what ingestion has stored for a portfolio, read from PostgreSQL (so they survive restarts). */
@Repository
class IngestionStatsRepository {

    private final JdbcClient jdbc;

    IngestionStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    IngestionStats count(String portfolio) {
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
