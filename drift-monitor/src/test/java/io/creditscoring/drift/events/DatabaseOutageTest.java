package io.creditscoring.drift.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    @Test
    void aRefusedConnectionBehindThePoolIsAnOutage() {
        // what HikariCP throws when PostgreSQL is down, as Spring and spring-kafka wrap it
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
        Exception pool = new SQLTransientConnectionException("Connection is not available", "08001", refused);
        Exception failure = listenerFailure(new CannotCreateTransactionException("Could not open connection", pool));

        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
    }

    @Test
    void aConnectionLostDuringAStatementOrTheCommitIsAnOutage() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend", "08006");
        assertThat(DatabaseOutage.causedBy(listenerFailure(new DataAccessResourceFailureException("insert", io))))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(listenerFailure(new TransactionSystemException("commit", io))))
                .isTrue();
    }

    @Test
    void aRollbackThatFailsOnTheBrokenConnectionIsAnOutage() {
        // the statement loses the connection (08006), Hikari closes it, and the rollback then fails without SQLState:
        // Spring throws the rollback's failure and keeps the statement's only as the application exception
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("insert", lost));

        assertThat(DatabaseOutage.causedBy(listenerFailure(new BatchListenerFailedException("store", rollback, 0))))
                .isTrue();
    }

    @Test
    void anOutageAmongSuppressedExceptionsIsAnOutage() {
        IllegalStateException cleanUp = new IllegalStateException("clean-up failed");
        cleanUp.addSuppressed(new SQLException("terminating connection", "57P01"));

        assertThat(DatabaseOutage.causedBy(listenerFailure(cleanUp))).isTrue();
    }

    @Test
    void aFailedRollbackAfterTheRecordsFaultIsNoOutage() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataIntegrityViolationException(
                "insert", new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));

        assertThat(DatabaseOutage.causedBy(rollback)).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        SQLException first = new SQLException("first", "22021");
        SQLException second = new SQLException("second", "22021", first);
        first.initCause(second);

        assertThat(DatabaseOutage.causedBy(first)).isFalse();
    }

    @Test
    void aServerShuttingDownOrOutOfConnectionsIsAnOutage() {
        assertThat(DatabaseOutage.causedBy(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("too many connections", "53300")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("could not serialize access", "40001")))
                .isTrue();
    }

    @Test
    void noConnectionWithoutTheDriversEvidenceIsAnOutage() {
        assertThat(DatabaseOutage.causedBy(listenerFailure(new CannotGetJdbcConnectionException("no connection"))))
                .isTrue();
    }

    @Test
    void valuesPostgresRejectsAreTheRecordsFault() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        SQLException tooLarge = new SQLException("index row size 9000 exceeds btree version 4 maximum", "54000");
        SQLException deferred = new SQLException("deferred constraint violated", "40002");

        assertThat(DatabaseOutage.causedBy(listenerFailure(new DataIntegrityViolationException("insert", nul))))
                .isFalse();
        // Spring translates class 54 to a "resource failure", but retrying the record would never succeed
        assertThat(DatabaseOutage.causedBy(listenerFailure(new DataAccessResourceFailureException("insert", tooLarge))))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(deferred)).isFalse();
    }

    @Test
    void rejectedRecordsAndOtherFailuresAreNoOutage() {
        assertThat(DatabaseOutage.causedBy(listenerFailure(RejectedEventException.invalid("scoring event", "x"))))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causedBy(null)).isFalse();
    }

    private static Exception listenerFailure(Exception cause) {
        return new ListenerExecutionFailedException("Listener method threw exception", cause);
    }
}
