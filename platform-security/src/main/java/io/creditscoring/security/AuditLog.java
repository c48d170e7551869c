package io.creditscoring.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log in {@code security.audit_log}: one row per state-changing call of this service. Rows are only
 * ever inserted and completed (outcome, status, detail), never deleted by the platform.
 */
public class AuditLog {

    /** A request attribute a handler may set to add a detail (a justification, an id created) to its row. */
    public static final String DETAIL_ATTRIBUTE = AuditLog.class.getName() + ".detail";

    static final int MAX_DETAIL = 4_000;

    private final JdbcClient jdbc;
    private final String service;

    public AuditLog(DataSource dataSource, String service) {
        this.jdbc = JdbcClient.create(dataSource);
        this.service = service;
    }

    /** Writes a row for an action about to run; answers its id for {@link #complete}. */
    public long start(String keyId, String action, String target) {
        return jdbc.sql("""
                        insert into security.audit_log (service, key_id, action, target, outcome)
                        values (?, ?, ?, ?, 'STARTED') returning audit_id""")
                .params(service, keyId, action, target)
                .query(Long.class)
                .single();
    }

    /** Records how a started action ended. */
    public void complete(long auditId, AuditOutcome outcome, Integer status, String detail) {
        jdbc.sql("update security.audit_log set outcome = ?, status = ?, detail = ? where audit_id = ?")
                .params(outcome.name(), status, truncate(detail), auditId)
                .update();
    }

    /** Writes a finished action in one row: refusals, and the platform's own actions (keyId {@code system:...}). */
    public void record(
            String keyId, String action, String target, AuditOutcome outcome, Integer status, String detail) {
        jdbc.sql("""
                        insert into security.audit_log (service, key_id, action, target, outcome, status, detail)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(service, keyId, action, target, outcome.name(), status, truncate(detail))
                .update();
    }

    /**
     * This service's rows, newest first.
     *
     * @param from earliest time, inclusive (null: no bound)
     * @param to latest time, exclusive (null: no bound)
     * @param action only this action (null: all)
     * @param limit most rows answered
     */
    public List<AuditEntry> find(Instant from, Instant to, String action, int limit) {
        return find(new AuditQuery(from, to, action, null, null), limit);
    }

    /**
     * This service's rows matching a query, newest first (by id: ids come from one sequence shared by the services,
     * so a page of several services' rows merges by id and the next page starts below the smallest id seen).
     */
    public List<AuditEntry> find(AuditQuery query, int limit) {
        return jdbc.sql("""
                        select * from security.audit_log
                        where service = :service
                          and (cast(:from as timestamptz) is null or at >= :from)
                          and (cast(:to as timestamptz) is null or at < :to)
                          and (cast(:action as text) is null or action = :action)
                          and (cast(:keyId as text) is null or key_id = :keyId)
                          and (cast(:before as bigint) is null or audit_id < :before)
                        order by audit_id desc limit :limit""")
                .param("service", service)
                .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                .param("to", query.to() == null ? null : Timestamp.from(query.to()))
                .param("action", query.action())
                .param("keyId", query.keyId())
                .param("before", query.before())
                .param("limit", limit)
                .query(AuditLog::entry)
                .list();
    }

    public String service() {
        return service;
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("audit_id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("service"),
                rs.getString("key_id"),
                rs.getString("action"),
                rs.getString("target"),
                AuditOutcome.valueOf(rs.getString("outcome")),
                (Integer) rs.getObject("status"),
                rs.getString("detail"));
    }
}
