package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class DataRejectionTest {

    @Test
    void refusalsOfDataAreDataExceptionsConstraintViolationsAndProgramLimits() {
        for (String state : new String[] {"22021", "22008", "22P02", "23514", "23505", "23502", "54000"}) {
            SQLException sql = new SQLException("ERROR: refused", state);
            assertThat(DataRejection.of(new UncategorizedSQLException("insert", "sql", sql)))
                    .as(state)
                    .containsSame(sql);
        }
        assertThat(DataRejection.of(new DataIntegrityViolationException("x", new SQLException("m", "23514"))))
                .isPresent();
    }

    @Test
    void failuresOfTheServerOrConnectionAreNotRefusals() {
        for (String state : new String[] {"08006", "08001", "40001", "40P01", "53300", "57P01", "42P01", "XX000"}) {
            assertThat(DataRejection.of(new UncategorizedSQLException("insert", "sql", new SQLException("m", state))))
                    .as(state)
                    .isEmpty();
        }
        assertThat(DataRejection.of(new CannotGetJdbcConnectionException(
                        "no connection", new SQLTransientConnectionException("pool timed out"))))
                .isEmpty();
        assertThat(DataRejection.of(new IllegalStateException("no SQL at all"))).isEmpty();
    }

    @Test
    void theReasonIsTheServersFirstLineWithoutTheDetailThatRepeatsTheRow() {
        SQLException sql = new SQLException(
                "ERROR: new row for relation \"applications\" violates check constraint \"x\"\n"
                        + "  Detail: Failing row contains (a, b, c).",
                "23514");
        assertThat(DataRejection.reason(sql))
                .isEqualTo("PostgreSQL refused the record (SQLSTATE 23514): new row for relation \"applications\""
                        + " violates check constraint \"x\"");
        assertThat(DataRejection.reason(new SQLException("ERROR: bad \u0000 " + "v".repeat(1_000), "22021")))
                .contains("bad \\u0000 v")
                .hasSizeLessThan(400);
    }
}
