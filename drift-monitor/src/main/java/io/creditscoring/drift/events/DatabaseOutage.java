package io.creditscoring.drift.events;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

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

    /**
     * Whether the failure, or anything it carries, says the database is unavailable rather than the record bad. Its
     * causes, suppressed exceptions and, for a {@link TransactionSystemException}, the application exception are all
     * read: when the connection breaks mid-statement, the rollback on the broken connection fails too, and Spring
     * throws the rollback's failure ("Connection is closed", no SQLState) with the statement's failure (SQLState 08006)
     * only as its application exception.
     */
    public static boolean causedBy(Throwable failure) {
        boolean sqlStateSeen = false;
        boolean connectionFailure = false;
        for (Throwable t : everythingCarriedBy(failure)) {
            if (t instanceof SQLException sql) {
                if (isOutage(sql)) {
                    return true;
                }
                sqlStateSeen |= sql.getSQLState() != null;
            }
            connectionFailure |=
                    t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException;
        }
        // without the driver's evidence, Spring's "no connection" is taken at its word
        return connectionFailure && !sqlStateSeen;
    }

    /** The failure and every throwable reachable from it, each once (cause chains may loop). */
    private static Set<Throwable> everythingCarriedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toVisit = new ArrayDeque<>();
        if (failure != null) {
            toVisit.add(failure);
        }
        while (!toVisit.isEmpty()) {
            Throwable t = toVisit.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                toVisit.add(t.getCause());
            }
            toVisit.addAll(List.of(t.getSuppressed()));
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
                toVisit.add(tx.getApplicationException());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                toVisit.add(sql.getNextException());
            }
        }
        return seen;
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
