package io.creditscoring.ingestion.csvimport;

import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.lifecycle.PeriodicTask;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Imports whose replica died: this replica renews the lease of the imports it runs four times per
 * {@code ingestion.csv-import.lease}, and records as FAILED any RUNNING import nobody has renewed for a whole lease
 * (its replica was killed, ran out of memory or lost its node; a replica that stops normally records its imports
 * itself). Without it such an import stayed RUNNING for ever. The first pass runs at start-up, so a standalone
 * restarted after a crash finds its own earlier imports (its owner id is new at each start) and ends them.
 */
@Component
class ImportLeases extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ImportLeases.class);
    /** A pass is two small statements: a stop waits that long for one rather than interrupting it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final ImportTracker tracker;
    private final Duration lease;
    private volatile boolean failing;

    ImportLeases(JdbcClient jdbc, ImportTracker tracker, IngestionProperties properties) {
        super("import-leases", Duration.ZERO, properties.csvImport().lease().dividedBy(4), STOP_WAIT);
        this.jdbc = jdbc;
        this.tracker = tracker;
        this.lease = properties.csvImport().lease();
    }

    /** One import given up for lost. */
    record Expired(UUID importId, String portfolio, String owner) {}

    /**
     * Renews the imports this replica runs (and takes back one another replica had given up while this one could
     * not renew it), then records every other RUNNING import not renewed for a lease as FAILED.
     *
     * @return the imports recorded as FAILED by this pass
     */
    List<Expired> renewAndExpire() {
        UUID[] running = tracker.running().toArray(UUID[]::new);
        if (running.length > 0) {
            jdbc.sql("""
                            update ingestion.imports set renewed_at = now(), status = 'RUNNING', failure_reason = null,
                                finished_at = null, lease_expired_at = null
                            where import_id = any(:running) and (status = 'RUNNING' or lease_expired_at is not null)""")
                    .param("running", new SqlArrayValue("uuid", (Object[]) running))
                    .update();
        }
        List<Expired> expired = jdbc.sql("""
                        update ingestion.imports set status = 'FAILED', lease_expired_at = now(), finished_at = now(),
                            updated_at = now(),
                            failure_reason = format('its replica (%s) stopped without finishing it: not renewed since'
                                || ' %s, for longer than the %s s lease (killed, out of memory or its node lost);'
                                || ' importing the same data again is safe',
                                coalesce(owner, 'unknown'),
                                to_char(coalesce(renewed_at, updated_at) at time zone 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                :leaseSeconds)
                        where status = 'RUNNING'
                            and coalesce(renewed_at, updated_at) < now() - make_interval(secs => :leaseSeconds)
                            and import_id <> all(:running)
                        returning import_id, portfolio, coalesce(owner, 'unknown') as owner""")
                .param("leaseSeconds", lease.toSeconds())
                .param("running", new SqlArrayValue("uuid", (Object[]) running))
                .query((rs, row) -> new Expired(
                        rs.getObject("import_id", UUID.class), rs.getString("portfolio"), rs.getString("owner")))
                .list();
        for (Expired lost : expired) {
            log.warn(
                    "Import {} of portfolio {} recorded as FAILED: its replica {} stopped renewing it",
                    lost.importId(),
                    lost.portfolio(),
                    lost.owner());
        }
        return expired;
    }

    @Override
    protected void runOnce() {
        try {
            renewAndExpire();
            if (failing) {
                log.info("Import leases renewed again");
                failing = false;
            }
        } catch (DataAccessException e) {
            if (!failing) {
                log.warn("Cannot renew import leases until PostgreSQL answers: {}", e.getMessage());
                failing = true;
            }
        }
    }
}
