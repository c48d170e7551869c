package io.creditscoring.drift.events;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure caused by PostgreSQL being unavailable (connection refused or lost, pool timeout, server shutting
 * down or out of resources) from a failure caused by the record. An outage says nothing about the record: it is
 * retried until the database is back, never dead-lettered. Anything else (a value PostgreSQL rejects, such as a NUL
 * character or an index row too large) is the record's fault and must not stall the partition.
 */
public final class DatabaseOutage {

    /**
     * SQLState prefixes of an unavailable server: connection exceptions (08), insufficient resources (53), the
     * server shutting down or not accepting connections yet (57P), and a transaction the server rolled back for
     * a concurrent one (40001 serialization failure, 40P01 deadlock). Not 54 (program limits such as an index row
     * too large): Spring counts it as a resource failure, but it is caused by the record.
     */
    private static final List<String> OUTAGE_STATES = List.of("08", "53", "57P", "40001", "40P01");

    private DatabaseOutage() {}

    /** Whether the failure, or one of its causes, says the database is unavailable rather than the record bad. */
    public static boolean causedBy(Throwable failure) {
        boolean sqlStateSeen = false;
        boolean connectionFailure = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (isOutage(sql)) {
                    return true;
                }
                sqlStateSeen = true;
            }
            connectionFailure |=
                    t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException;
        }
        // without the driver's evidence, Spring's "no connection" is taken at its word
        return connectionFailure && !sqlStateSeen;
    }

    private static boolean isOutage(SQLException sql) {
        if (sql instanceof SQLTransientConnectionException
                || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        return state != null && OUTAGE_STATES.stream().anyMatch(state::startsWith);
    }
}
