package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.ingestion.IntakeTestSupport;
import io.creditscoring.testsupport.SharedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.annotation.DirtiesContext;

/**
 * PostgreSQL is stopped while records keep arriving and started again: every record must then be stored exactly
 * once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME,
            "ingestion.consumer.group-id=ingestion-outage-test",
            "ingestion.consumer.auto-startup=false",
            "ingestion.consumer.retry.max-interval=1s",
            "spring.datasource.hikari.connection-timeout=1000"
        })
@DirtiesContext
class PostgresOutageTest extends OwnPostgresIntakeTest {

    private static final String GROUP = "ingestion-outage-test";
    private static final String PORTFOLIO = "outage-test-loans";
    private static final int PER_PHASE = 500;

    @Autowired
    MeterRegistry meters;

    @Test
    void storesEveryRecordExactlyOnceAfterPostgresWasDownMidStream() throws Exception {
        registerPortfolio(PORTFOLIO);
        startConsumersAtTheEndOfTheTopics(GROUP);
        List<String> ids = IntStream.range(0, 2 * PER_PHASE)
                .mapToObj(i -> "outage-" + UUID.randomUUID())
                .toList();

        publish(ids.subList(0, PER_PHASE), PORTFOLIO);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(PORTFOLIO) == PER_PHASE);

        stopPostgres();
        publish(ids.subList(PER_PHASE, ids.size()), PORTFOLIO);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.find("ingestion.batch.failures").counters().stream()
                                .mapToDouble(c -> c.count())
                                .sum()
                        >= 6);
        startPostgres();

        // the probe shares the service's pool, which may still be reconnecting when PostgreSQL is back
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .until(() -> storedCount(PORTFOLIO) == ids.size());
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, Duration.ofSeconds(30));
        assertThat(jdbc.sql("select application_id from ingestion.applications where portfolio = ?")
                        .param(PORTFOLIO)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jdbc.sql("select count(*) from ingestion.outcomes where portfolio = ?")
                        .param(PORTFOLIO)
                        .query(Long.class)
                        .single())
                .isEqualTo(ids.size());
        assertThat(jdbc.sql("select count(*) from ingestion.dead_letters")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
