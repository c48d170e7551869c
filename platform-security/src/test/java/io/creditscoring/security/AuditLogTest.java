package io.creditscoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.SharedPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log's query against the real PostgreSQL: filters by actor and action, pages by id, per service. */
class AuditLogTest {

    @BeforeAll
    static void migrate() {
        new SecuritySchema(SharedPostgres.dataSource(), true);
    }

    @Test
    void rowsOfOneActorAreAnsweredNewestFirstAndPagedByIdWithoutGapsOrRepeats() {
        String service = "audit-test-" + UUID.randomUUID();
        AuditLog audit = new AuditLog(SharedPostgres.dataSource(), service);
        String actor = "actor-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            audit.record(actor, "thing.change", "/v1/things/" + i, AuditOutcome.SUCCEEDED, 200, null);
        }
        audit.record("someone-else", "thing.change", "/v1/things/other", AuditOutcome.SUCCEEDED, 200, null);
        audit.record(actor, "thing.delete", "/v1/things/gone", AuditOutcome.FAILED, 404, null);

        List<AuditEntry> firstPage = audit.find(new AuditQuery(null, null, "thing.change", actor, null), 3);
        assertThat(firstPage)
                .extracting(AuditEntry::target)
                .containsExactly("/v1/things/4", "/v1/things/3", "/v1/things/2");
        long smallest = firstPage.getLast().auditId();
        List<AuditEntry> secondPage = audit.find(new AuditQuery(null, null, "thing.change", actor, smallest), 3);
        assertThat(secondPage).extracting(AuditEntry::target).containsExactly("/v1/things/1", "/v1/things/0");

        assertThat(audit.find(new AuditQuery(null, null, null, actor, null), 100))
                .extracting(AuditEntry::action)
                .containsExactly(
                        "thing.delete", "thing.change", "thing.change", "thing.change", "thing.change", "thing.change");
        assertThat(audit.find(new AuditQuery(null, null, null, "someone-else", null), 100))
                .extracting(AuditEntry::target)
                .containsExactly("/v1/things/other");
    }

    @Test
    void anotherServicesRowsAreNotAnswered() {
        String actor = "actor-" + UUID.randomUUID();
        new AuditLog(SharedPostgres.dataSource(), "audit-test-a-" + UUID.randomUUID())
                .record(actor, "thing.change", "/a", AuditOutcome.SUCCEEDED, 200, null);
        AuditLog other = new AuditLog(SharedPostgres.dataSource(), "audit-test-b-" + UUID.randomUUID());

        assertThat(other.find(new AuditQuery(null, null, null, actor, null), 100))
                .isEmpty();
    }
}
