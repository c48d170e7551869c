package io.creditscoring.ingestion.stats;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts of what ingestion has stored for a portfolio, read from PostgreSQL (so they survive restarts). */
@Repository
class IngestionStatsRepository {

    /**
     * The counts. Applications with an outcome are counted as the intersection of the two tables' keys, never by a
     * join: rows of a portfolio that arrived since the tables were last analysed are estimated at one, and a join
     * planned on that estimate is a nested loop whose time grows with the square of the rows (93 s for 30,000,
     * measured). A set operation is hashed or sorted whatever the estimate.
     */
    static final String COUNTS = """
            select (select count(*) from ingestion.applications where portfolio = :p) as applications,
                   (select count(*) from ingestion.outcomes where portfolio = :p) as outcomes,
                   (select count(*) from (select application_id from ingestion.applications where portfolio = :p
                                          intersect
                                          select application_id from ingestion.outcomes where portfolio = :p) k)
                       as labeled,
                   (select count(*) from ingestion.dead_letters where portfolio = :p) as dead_lettered
            """;

    private final JdbcClient jdbc;

    IngestionStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    IngestionStats count(String portfolio) {
        return jdbc.sql(COUNTS)
                .param("p", portfolio)
                .query((rs, row) -> new IngestionStats(
                        rs.getLong("applications"),
                        rs.getLong("outcomes"),
                        rs.getLong("labeled"),
                        rs.getLong("dead_lettered")))
                .single();
    }
}
