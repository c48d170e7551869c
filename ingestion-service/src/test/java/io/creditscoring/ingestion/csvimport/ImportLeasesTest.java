package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Imports whose replica died end as FAILED with the reason, against the shared PostgreSQL: rows are written as a
 * replica that was killed would have left them, and a lease pass ({@link ImportLeases#renewAndExpire}) is run at
 * once rather than waited for (the service's own passes run beside it every 30 s and do the same).
 */
class ImportLeasesTest extends ObjectStoreImportTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportTracker tracker;

    @Autowired
    ImportLeases leases;

    @Test
    void anImportWhoseReplicaStoppedRenewingItIsRecordedAsFailedWithTheReasonAndOthersAreLeftAlone() {
        String portfolio = portfolio("lease-loans");
        UUID killed = leftBy("replica-killed", portfolio, Instant.now().minus(10, ChronoUnit.MINUTES));
        UUID beforeLeases = leftBy(null, portfolio, null); // written before leases existed: its last update counts
        jdbc.sql("update ingestion.imports set updated_at = now() - interval '1 hour' where import_id = :id")
                .param("id", beforeLeases)
                .update();
        UUID alive = leftBy("replica-alive", portfolio, Instant.now());

        leases.renewAndExpire();

        JsonNode lost = importView(portfolio, killed);
        assertThat(lost.get("status").asString()).isEqualTo("FAILED");
        assertThat(lost.get("failureReason").asString())
                .contains("its replica (replica-killed) stopped without finishing it", "120 s lease")
                .contains("importing the same data again is safe");
        assertThat(lost.get("finishedAt").isNull()).isFalse();
        assertThat(importView(portfolio, beforeLeases).get("failureReason").asString())
                .contains("its replica (unknown)");
        assertThat(importView(portfolio, alive).get("status").asString())
                .as("renewed by its replica a moment ago")
                .isEqualTo("RUNNING");
    }

    @Test
    void thisReplicaRenewsItsOwnImportsAndTakesBackOneGivenUpWhileItCouldNotRenewIt() {
        String portfolio = portfolio("lease-own-loans");
        UUID own = UUID.randomUUID();
        tracker.begin(own, portfolio, ImportTracker.REQUEST_BODY);
        assertThat(owner(own)).isEqualTo(tracker.owner());
        // as if PostgreSQL had been out of reach for ten minutes
        jdbc.sql("update ingestion.imports set renewed_at = now() - interval '10 minutes' where import_id = :id")
                .param("id", own)
                .update();

        leases.renewAndExpire();

        assertThat(importView(portfolio, own).get("status").asString()).isEqualTo("RUNNING");
        assertThat(renewedAt(own)).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));

        // another replica gave it up meanwhile: the owner, alive after all, takes it back and finishes it
        jdbc.sql("update ingestion.imports set status = 'FAILED', lease_expired_at = now(), finished_at = now(),"
                        + " failure_reason = 'its replica stopped' where import_id = :id")
                .param("id", own)
                .update();
        leases.renewAndExpire();
        JsonNode taken = importView(portfolio, own);
        assertThat(taken.get("status").asString()).isEqualTo("RUNNING");
        assertThat(taken.get("failureReason").isNull()).isTrue();

        tracker.succeeded(own, new ImportCounts(3, 3, 2, 0, List.of()));
        JsonNode done = importView(portfolio, own);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(3);
        assertThat(tracker.running()).doesNotContain(own);

        // finished: no later pass changes it
        jdbc.sql("update ingestion.imports set renewed_at = now() - interval '10 minutes' where import_id = :id")
                .param("id", own)
                .update();
        leases.renewAndExpire();
        assertThat(importView(portfolio, own).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    /** A RUNNING import as a replica left it, last renewed at {@code renewedAt}. */
    private UUID leftBy(String owner, String portfolio, Instant renewedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into ingestion.imports (import_id, portfolio, source, status, owner, renewed_at)"
                        + " values (:id, :portfolio, 'request body', 'RUNNING', :owner, :renewedAt)")
                .param("id", id)
                .param("portfolio", portfolio)
                .param("owner", owner)
                .param("renewedAt", renewedAt == null ? null : Timestamp.from(renewedAt))
                .update();
        return id;
    }

    private JsonNode importView(String portfolio, UUID id) {
        return client.get("/v1/portfolios/" + portfolio + "/imports/" + id).getBody();
    }

    private String owner(UUID id) {
        return jdbc.sql("select owner from ingestion.imports where import_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private Instant renewedAt(UUID id) {
        Map<String, Object> row = jdbc.sql("select renewed_at from ingestion.imports where import_id = :id")
                .param("id", id)
                .query()
                .singleRow();
        return ((Timestamp) row.get("renewed_at")).toInstant();
    }
}
