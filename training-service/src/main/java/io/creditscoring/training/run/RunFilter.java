package io.creditscoring.training.run;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.web.ApiProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the run list is narrowed to; a null field does not filter.
 *
 * @param from runs created at or after this instant
 * @param to runs created before this instant
 * @param text a case-insensitive substring of the run id, a parameter ({@code name=value}, asked or tracked), the
 *     reason, the requesting key, the training command id, the failure reason or the promotion decision
 */
record RunFilter(String portfolio, RunStatus status, String engine, Instant from, Instant to, String text) {

    static final Set<String> ENGINES = Set.of("local", "spark");
    static final int MAX_TEXT = 200;

    /**
     * The list's query parameters as given; blank means absent. {@code from} and {@code to} are ISO-8601 instants or
     * dates (UTC): a date {@code from} starts at its midnight, a date {@code to} includes its whole day. Every bad
     * value is a 400 naming its parameter.
     */
    static RunFilter parse(String portfolio, String status, String engine, String from, String to, String q) {
        List<SchemaViolation> errors = new ArrayList<>();
        RunStatus parsedStatus = null;
        if (present(status)) {
            try {
                parsedStatus = RunStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new SchemaViolation(
                        "status", "unknown status '" + status + "'; use QUEUED, RUNNING, SUCCEEDED or FAILED"));
            }
        }
        String parsedEngine = null;
        if (present(engine)) {
            parsedEngine = engine.trim().toLowerCase(Locale.ROOT);
            if (!ENGINES.contains(parsedEngine)) {
                errors.add(new SchemaViolation("engine", "unknown engine '" + engine + "'; use local or spark"));
            }
        }
        Instant parsedFrom = present(from) ? instant("from", from, false, errors) : null;
        Instant parsedTo = present(to) ? instant("to", to, true, errors) : null;
        if (parsedFrom != null && parsedTo != null && !parsedFrom.isBefore(parsedTo)) {
            errors.add(new SchemaViolation("to", "'to' (" + to + ") must be after 'from' (" + from + ")"));
        }
        if (present(q) && q.trim().length() > MAX_TEXT) {
            errors.add(new SchemaViolation("q", "the search text has at most " + MAX_TEXT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation("invalid run list filter", errors);
        }
        return new RunFilter(
                present(portfolio) ? portfolio.trim() : null,
                parsedStatus,
                parsedEngine,
                parsedFrom,
                parsedTo,
                present(q) ? q.trim() : null);
    }

    private static Instant instant(String name, String value, boolean endOfDay, List<SchemaViolation> errors) {
        String v = value.trim();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException notADate) {
                errors.add(new SchemaViolation(
                        name,
                        "'" + value
                                + "' is neither an ISO-8601 instant nor a date (2026-11-30T12:00:00Z, 2026-11-30)"));
                return null;
            }
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
