package io.creditscoring.ingestion.intake;

import io.creditscoring.model.IdentifierRule;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells PostgreSQL's refusals of the data it was given from failures that retrying can cure, by SQLSTATE class
 * (PostgreSQL manual, appendix A):
 *
 * <ul>
 *   <li>refusals, the same every time for the same record: {@code 22} data exception (a NUL in text, a time out
 *       of range, invalid JSON), {@code 23} integrity constraint violation (not null, check, unique),
 *       {@code 54} program limit exceeded (an index row too large);
 *   <li>everything else is taken as transient: {@code 08} connection exception, {@code 40} serialization failure
 *       or deadlock, {@code 53} insufficient resources, {@code 57} operator intervention (a server shutting
 *       down), and failures without an SQLSTATE (no connection from the pool).
 * </ul>
 */
final class DataRejection {

    private static final int MAX_MESSAGE = 300;

    private DataRejection() {}

    /** The SQL exception behind a failure when it is a refusal of the data; empty when retrying may cure it. */
    static Optional<SQLException> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return isRefusal(sql.getSQLState()) ? Optional.of(sql) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean isRefusal(String sqlState) {
        return sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.startsWith("54");
    }

    /**
     * PostgreSQL's reason, for the dead letter: SQLSTATE and the first line of the server's message (not its
     * detail, which repeats the whole row), control characters escaped, cut at 300 characters.
     */
    static String reason(SQLException refusal) {
        String message = refusal.getMessage() == null ? "" : refusal.getMessage();
        int lineEnd = message.indexOf('\n');
        String firstLine = lineEnd < 0 ? message : message.substring(0, lineEnd);
        if (firstLine.startsWith("ERROR: ")) {
            firstLine = firstLine.substring("ERROR: ".length());
        }
        if (firstLine.length() > MAX_MESSAGE) {
            firstLine = firstLine.substring(0, MAX_MESSAGE) + "…";
        }
        return "PostgreSQL refused the record (SQLSTATE " + refusal.getSQLState() + "): "
                + IdentifierRule.escaped(firstLine);
    }
}
