package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.Sha256;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedPostgres;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The COPY write path against the real (shared, embedded) PostgreSQL: text reaches the tables byte for byte, the
 * session's staging table never carries rows from one write into the next, and a write PostgreSQL refuses leaves
 * the connection usable for the halves the {@link IsolatingWriter} writes next.
 */
class IntakeStoreTest {

    private static IntakeStore store;
    private static TransactionTemplate transaction;
    private static IsolatingWriter isolatingWriter;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        SharedPostgres.migrate("ingestion");
        DataSource dataSource = SharedPostgres.dataSource(); // one instance: the transactions are bound to it
        var transactions = new DataSourceTransactionManager(dataSource);
        store = new IntakeStore(new JdbcTemplate(dataSource));
        transaction = new TransactionTemplate(transactions);
        isolatingWriter = new IsolatingWriter(transactions);
        jdbc = JdbcClient.create(dataSource);
    }

    private static final String PORTFOLIO = "copy-test";

    private static String newId() {
        return "copy-" + UUID.randomUUID();
    }

    private static ApplicationRow application(
            String id, Instant submittedAt, String featuresJson, String payload, long offset) {
        return new ApplicationRow(
                PORTFOLIO,
                id,
                submittedAt,
                featuresJson,
                3,
                Sha256.hex(featuresJson),
                new ConsumerRecord<>(Topics.APPLICATIONS, 1, offset, id, payload));
    }

    private static ApplicationRow application(String id) {
        return application(id, null, "{\"age\": 42}", "{\"applicationId\":\"" + id + "\"}", 7);
    }

    private static Map<String, Object> stored(String table, String id) {
        String features = table.equals("applications") ? ", features::text as features_text" : "";
        return jdbc.sql("select *" + features + " from ingestion." + table
                        + " where portfolio = ? and application_id = ?")
                .params(PORTFOLIO, id)
                .query()
                .singleRow();
    }

    @Test
    void storesEveryFieldAsGivenWhateverCharactersTheTextHolds() {
        String id = newId();
        // what COPY's text format would have to escape, what UTF-8 takes several bytes for, and what looks like NULL
        String awkward = "quote \" backslash \\ tab \t newline \n return \r \\N é € 😀 {a,\"b\"} NULL";
        String payload = "{\"applicationId\":\"" + id + "\",\"note\":\"" + awkward + "\"}";
        String features = "{\"sector\": \"Retail \\\"é\\\" 😀\", \"age\": 42, \"balance\": -12.5, \"income\": null}";
        Instant submittedAt = Instant.parse("2026-01-02T03:04:05.123456Z");
        ApplicationRow row = application(id, submittedAt, features, payload, 5_000_000_000L);
        String outcomeId = newId();
        // finer than PostgreSQL's microseconds: staged as text, rounded by the server as it always was
        Instant observedAt = Instant.parse("2027-05-01T00:00:00.123456789Z");
        OutcomeRow defaulted = new OutcomeRow(
                PORTFOLIO,
                outcomeId,
                true,
                observedAt,
                Sha256.hex("defaulted=true"),
                new ConsumerRecord<>(Topics.OUTCOMES, 0, 11, outcomeId, awkward));

        transaction.executeWithoutResult(status -> {
            assertThat(store.storeApplications(List.of(row)).inserted()).isEqualTo(1);
            assertThat(store.storeOutcomes(List.of(defaulted)).inserted()).isEqualTo(1);
        });

        Map<String, Object> application = stored("applications", id);
        assertThat(application.get("raw_payload")).isEqualTo(payload);
        assertThat(application.get("features_text"))
                .isEqualTo("{\"age\": 42, \"income\": null, \"sector\": \"Retail \\\"é\\\" 😀\", \"balance\": -12.5}");
        assertThat(application.get("payload_sha256")).isEqualTo(row.contentSha256());
        assertThat(jdbc.sql("select submitted_at from ingestion.applications where application_id = ?")
                        .param(id)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(submittedAt);
        assertThat(application.get("source_topic")).isEqualTo(Topics.APPLICATIONS);
        assertThat(application.get("source_partition")).isEqualTo(1);
        assertThat(application.get("source_offset")).isEqualTo(5_000_000_000L);
        assertThat(application.get("schema_version")).isEqualTo(3);
        Map<String, Object> outcome = stored("outcomes", outcomeId);
        assertThat(outcome.get("raw_payload")).isEqualTo(awkward);
        assertThat(outcome.get("defaulted")).isEqualTo(true);
        assertThat(jdbc.sql("select observed_at from ingestion.outcomes where application_id = ?")
                        .param(outcomeId)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(Instant.parse("2027-05-01T00:00:00.123457Z"));
        assertThat(outcome.get("source_offset")).isEqualTo(11L);
    }

    @Test
    void aSecondWriteInTheSameTransactionSeesOnlyItsOwnRows() {
        String first = newId();
        String second = newId();
        ApplicationRow conflicting = application(first, null, "{\"age\": 43}", "{}", 9);

        IntakeStore.StoreResult<ApplicationRow> later = transaction.execute(status -> {
            assertThat(store.storeApplications(List.of(application(first), application(second)))
                            .inserted())
                    .isEqualTo(2);
            return store.storeApplications(List.of(conflicting, application(newId())));
        });

        assertThat(later.inserted()).isEqualTo(1);
        assertThat(later.conflicts()).containsExactly(conflicting);
        assertThat(stored("applications", first).get("payload_sha256")).isEqualTo(Sha256.hex("{\"age\": 42}"));
    }

    @Test
    void aReplayStoresNothingAndAChangedRecordIsAConflict() {
        List<ApplicationRow> rows =
                IntStream.range(0, 3).mapToObj(i -> application(newId())).toList();
        transaction.executeWithoutResult(status -> store.storeApplications(rows));
        ApplicationRow changed = application(rows.get(1).applicationId(), null, "{\"age\": 44}", "{}", 8);

        IntakeStore.StoreResult<ApplicationRow> replay = transaction.execute(status -> store.storeApplications(rows));
        IntakeStore.StoreResult<ApplicationRow> conflict =
                transaction.execute(status -> store.storeApplications(List.of(rows.get(0), changed)));

        assertThat(replay.inserted()).isZero();
        assertThat(replay.conflicts()).isEmpty();
        assertThat(conflict.inserted()).isZero();
        assertThat(conflict.conflicts()).containsExactly(changed);
    }

    @Test
    void aRowPostgresRefusesIsIsolatedAndTheOthersAreStoredOnTheSameConnection() {
        List<ApplicationRow> rows = IntStream.range(0, 9)
                .mapToObj(i -> i == 6
                        ? application(
                                newId(),
                                OffsetDateTime.of(300_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                                        .toInstant(),
                                "{\"age\": 1}",
                                "{}",
                                i)
                        : application(newId()))
                .toList();

        IsolatingWriter.Written<ApplicationRow> written =
                transaction.execute(status -> isolatingWriter.write(rows, store::storeApplications));

        assertThat(written.inserted()).isEqualTo(8);
        assertThat(written.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.row()).isEqualTo(rows.get(6));
            assertThat(refused.reason())
                    .startsWith("PostgreSQL refused the record (SQLSTATE 22")
                    .contains("out of range");
        });
        for (int i = 0; i < rows.size(); i++) {
            assertThat(jdbc.sql("select count(*) from ingestion.applications where application_id = ?")
                            .param(rows.get(i).applicationId())
                            .query(Long.class)
                            .single())
                    .as("row %d", i)
                    .isEqualTo(i == 6 ? 0 : 1);
        }
    }
}
