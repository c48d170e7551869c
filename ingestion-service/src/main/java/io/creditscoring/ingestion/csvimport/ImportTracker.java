package io.creditscoring.ingestion.csvimport;

import io.creditscoring.model.CreditJson;
import io.creditscoring.web.ApiProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Records each import's progress in {@code ingestion.imports}, so that any replica can answer how far an import
 * has come. The row is written when the import gets its id (before its first byte is read), then every
 * {@code progress-every} rows or {@code progress-interval}, and when it ends. A progress write that fails is
 * logged and skipped: the import itself goes on (its rows are what matters); the final write is retried by the
 * next one, which carries the whole state.
 *
 * <p>Each row names its owner, this replica, which renews the lease of the imports it runs ({@link ImportLeases});
 * the owner's writes also take back an import another replica had given up for lost (its lease expired while, say,
 * PostgreSQL was out of reach), since only the owner writes an import's progress.
 */
@Component
class ImportTracker {

    /** The progress record keeps this many rejected rows; the import's response and the log have more. */
    static final int RECORDED_REJECTIONS = 20;

    static final String REQUEST_BODY = "request body";

    private static final Logger log = LoggerFactory.getLogger(ImportTracker.class);
    private static final TypeReference<List<ImportResult.RejectedRow>> REJECTED = new TypeReference<>() {};
    /** The rows the import's own writes may change: running, or given up for lost by another replica. */
    private static final String OWNED = "(status = 'RUNNING' or lease_expired_at is not null)";

    private final JdbcClient jdbc;
    /** This replica, as the owner of the imports it runs: its host and a random part, new at every start. */
    private final String owner;
    /** The imports this replica runs (or has queued): those whose lease it renews. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    ImportTracker(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.owner = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String owner() {
        return owner;
    }

    /** The imports this replica runs now. */
    Set<UUID> running() {
        return Set.copyOf(running);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /**
     * Records a new RUNNING import.
     *
     * @throws ApiProblemException 409 when the id is already taken
     */
    void begin(UUID importId, String portfolio, String source) {
        int inserted = jdbc.sql("insert into ingestion.imports (import_id, portfolio, source, status, owner,"
                        + " renewed_at) values (:id, :portfolio, :source, 'RUNNING', :owner, now())"
                        + " on conflict (import_id) do nothing")
                .param("id", importId)
                .param("portfolio", portfolio)
                .param("source", source)
                .param("owner", owner)
                .update();
        if (inserted == 0) {
            throw ApiProblemException.conflict("import id " + importId + " is already taken; send a new one");
        }
        running.add(importId);
    }

    /** The listener that records an import's counters while it runs. */
    ImportProgressListener progressOf(UUID importId) {
        return counts -> write(importId, ImportStatus.RUNNING, counts, null);
    }

    void succeeded(UUID importId, ImportCounts counts) {
        write(importId, ImportStatus.SUCCEEDED, counts, null);
        running.remove(importId);
    }

    /** Marks the import FAILED; {@code counts} null keeps the counters last recorded. */
    void failed(UUID importId, String reason, ImportCounts counts) {
        running.remove(importId);
        if (counts != null) {
            write(importId, ImportStatus.FAILED, counts, reason);
            return;
        }
        try {
            jdbc.sql("update ingestion.imports set status = 'FAILED', failure_reason = :reason, updated_at = now(),"
                            + " finished_at = now(), lease_expired_at = null where import_id = :id and " + OWNED)
                    .param("id", importId)
                    .param("reason", reason)
                    .update();
        } catch (DataAccessException e) {
            log.warn("Could not record that import {} failed ({})", importId, reason, e);
        }
    }

    Optional<ImportView> find(String portfolio, UUID importId) {
        return jdbc.sql("select * from ingestion.imports where import_id = :id and portfolio = :portfolio")
                .param("id", importId)
                .param("portfolio", portfolio)
                .query(ImportTracker::view)
                .optional();
    }

    ImportPage list(String portfolio, int page, int size) {
        List<ImportView> imports = jdbc.sql("select * from ingestion.imports where portfolio = :portfolio"
                        + " order by started_at desc, import_id limit :size offset :offset")
                .param("portfolio", portfolio)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ImportTracker::view)
                .list();
        long total = jdbc.sql("select count(*) from ingestion.imports where portfolio = :portfolio")
                .param("portfolio", portfolio)
                .query(Long.class)
                .single();
        return new ImportPage(imports, page, size, total);
    }

    private void write(UUID importId, ImportStatus status, ImportCounts counts, String reason) {
        List<ImportResult.RejectedRow> firstRejected = counts.rejected()
                .subList(0, Math.min(RECORDED_REJECTIONS, counts.rejected().size()));
        try {
            jdbc.sql("update ingestion.imports set status = :status, rows_read = :rows,"
                            + " applications_published = :applications, outcomes_published = :outcomes,"
                            + " rejected_count = :rejectedCount, rejected = cast(:rejected as jsonb),"
                            + " failure_reason = :reason, updated_at = now(),"
                            + " finished_at = case when :status = 'RUNNING' then null else now() end,"
                            + " lease_expired_at = null where import_id = :id and " + OWNED)
                    .param("id", importId)
                    .param("status", status.name())
                    .param("rows", counts.rowsRead())
                    .param("applications", counts.applicationsPublished())
                    .param("outcomes", counts.outcomesPublished())
                    .param("rejectedCount", counts.rejectedCount())
                    .param("rejected", CreditJson.json().writeValueAsString(firstRejected))
                    .param("reason", reason)
                    .update();
        } catch (DataAccessException e) {
            log.warn("Could not record the progress of import {} ({})", importId, status, e);
        }
    }

    private static ImportView view(ResultSet rs, int row) throws SQLException {
        return new ImportView(
                rs.getString("import_id"),
                rs.getString("portfolio"),
                rs.getString("source"),
                ImportStatus.valueOf(rs.getString("status")),
                rs.getLong("rows_read"),
                rs.getLong("applications_published"),
                rs.getLong("outcomes_published"),
                rs.getLong("rejected_count"),
                CreditJson.json().readValue(rs.getString("rejected"), REJECTED),
                rs.getString("failure_reason"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
