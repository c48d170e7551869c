package io.creditscoring.ingestion.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.testsupport.WithRealServers;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A portfolio's counts never depend on how PostgreSQL would join its two tables. Rows that arrived since the last
 * ANALYZE are estimated at one, and a join planned on that estimate is a nested loop, quadratic in the rows: the
 * stats of a freshly imported portfolio took minutes (CsvImportTest timed out on 30,000 rows in a clean-clone run).
 */
@SpringBootTest(properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class IngestionStatsRepositoryTest {

    private static final String PORTFOLIO = "stats-plan-test";

    @Autowired
    IngestionStatsRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void countsAreRightAndPlannedWithoutAJoin() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(tx -> {
            // 300 applications, 200 outcomes, 150 of them for stored applications
            jdbc.sql("""
                            insert into ingestion.applications (portfolio, application_id, features, raw_payload,
                                payload_sha256, source_topic, source_partition, source_offset)
                            select :p, 'a-' || g, '{}', '{}', 'sha', 'test', 0, g from generate_series(1, 300) g
                            """).param("p", PORTFOLIO).update();
            jdbc.sql("""
                            insert into ingestion.outcomes (portfolio, application_id, defaulted, raw_payload,
                                payload_sha256, source_topic, source_partition, source_offset)
                            select :p, 'a-' || g, g % 2 = 0, '{}', 'sha', 'test', 0, g from generate_series(151, 350) g
                            """).param("p", PORTFOLIO).update();

            assertThat(repository.count(PORTFOLIO)).isEqualTo(new IngestionStats(300, 200, 150, 0));

            // the planner may join only by nested loop here: a count planned without a join does not care
            jdbc.sql("set local enable_hashjoin = off").update();
            jdbc.sql("set local enable_mergejoin = off").update();
            List<String> plan = jdbc.sql("explain " + IngestionStatsRepository.COUNTS)
                    .param("p", PORTFOLIO)
                    .query(String.class)
                    .list();
            assertThat(String.join("\n", plan)).doesNotContain("Nested Loop").doesNotContain("Join");

            tx.setRollbackOnly();
        });
    }
}
