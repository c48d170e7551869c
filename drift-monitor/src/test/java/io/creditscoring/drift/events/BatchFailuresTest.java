package io.creditscoring.drift.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class BatchFailuresTest {

    private static final RuntimeException OUTAGE = new CannotCreateTransactionException(
            "Could not open JDBC Connection", new SQLException("Connection refused", "08001"));
    private static final RuntimeException NUL = new DataIntegrityViolationException(
            "insert", new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

    @Test
    void reportsTheRecordByItsIndexWithTheCause() {
        BatchListenerFailedException failure = BatchFailures.at(7, NUL);

        assertThat(failure.getIndex()).isEqualTo(7);
        assertThat(failure.getCause()).isSameAs(NUL);
        assertThat(BatchFailures.at(3, OUTAGE).getCause()).isSameAs(OUTAGE);
    }

    @Test
    void anOutageAndARecordsFaultAreFailuresOfDifferentClasses() {
        BatchListenerFailedException outage = BatchFailures.at(0, OUTAGE);
        BatchListenerFailedException fault = BatchFailures.at(0, NUL);
        BatchListenerFailedException lostMidStatement = BatchFailures.at(
                0,
                new DataAccessResourceFailureException(
                        "insert", new SQLException("An I/O error occurred while sending to the backend", "08006")));

        assertThat(outage).isInstanceOf(BatchFailures.DatabaseUnavailable.class);
        assertThat(lostMidStatement).isInstanceOf(BatchFailures.DatabaseUnavailable.class);
        assertThat(fault).isInstanceOf(BatchFailures.RecordNotStored.class);
        // the error handler starts a new back-off only when the class of the failure is not that of the last one
        assertThat(outage.getClass().isInstance(fault)).isFalse();
        assertThat(fault.getClass().isInstance(outage)).isFalse();
    }

    @Test
    void aRejectedRecordIsTheRecordsFault() {
        assertThat(BatchFailures.at(2, RejectedEventException.invalid("scoring event", "score is missing")))
                .isInstanceOf(BatchFailures.RecordNotStored.class)
                .hasMessageContaining("score is missing");
    }
}
