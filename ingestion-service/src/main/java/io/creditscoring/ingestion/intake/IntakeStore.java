package io.creditscoring.ingestion.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Batched writes to the ingestion schema. The rows of a batch go to the server with {@code COPY ... FROM STDIN}
 * in the binary format ({@link BinaryCopy}) into a temporary staging table of the session, and one statement
 * moves them into the table ({@code insert ... select ... on conflict do nothing}): no escaping or parsing of
 * array literals on either side, and the same conflict rule as a plain insert. The same statement reports the ids
 * already stored with another content hash: those are conflicts, left untouched.
 *
 * <p>The staging tables are created on first use in each session and emptied at every commit ({@code on commit
 * delete rows}, a truncation: no dead rows pile up, nothing is written to the WAL); a write empties them first
 * too, for the rows an earlier write of the same transaction left there. Times go in binary when that is exact,
 * as text otherwise ({@link #time}).
 */
@Component
class IntakeStore {

    private static final String STAGE_APPLICATIONS = """
            create temporary table if not exists intake_applications (
                portfolio text, application_id text, submitted_at timestamptz, submitted_text text, features jsonb,
                raw_payload text,
                payload_sha256 text, source_topic text, source_partition integer, source_offset bigint,
                schema_version integer
            ) on commit delete rows;
            delete from pg_temp.intake_applications
            """;

    private static final String COPY_APPLICATIONS = "copy pg_temp.intake_applications from stdin (format binary)";

    /**
     * Moves the staged rows into the table and answers, for the staged keys, those not inserted with the hash
     * stored under them.
     */
    private static final String INSERT_APPLICATIONS = """
            with inserted as (
                insert into ingestion.applications (portfolio, application_id, submitted_at, features, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset, schema_version)
                select portfolio, application_id, coalesce(submitted_text::timestamptz, submitted_at), features,
                       raw_payload, payload_sha256,
                       source_topic, source_partition, source_offset, schema_version
                from pg_temp.intake_applications
                on conflict (portfolio, application_id) do nothing
                returning portfolio, application_id
            )
            select k.portfolio, k.application_id,
                   (select s.payload_sha256 from ingestion.applications s
                     where s.portfolio = k.portfolio and s.application_id = k.application_id) as stored_sha256
            from pg_temp.intake_applications k
            where not exists (select 1 from inserted n
                              where n.portfolio = k.portfolio and n.application_id = k.application_id)
            """;

    private static final String STAGE_OUTCOMES = """
            create temporary table if not exists intake_outcomes (
                portfolio text, application_id text, defaulted boolean, observed_at timestamptz, observed_text text,
                raw_payload text,
                payload_sha256 text, source_topic text, source_partition integer, source_offset bigint
            ) on commit delete rows;
            delete from pg_temp.intake_outcomes
            """;

    private static final String COPY_OUTCOMES = "copy pg_temp.intake_outcomes from stdin (format binary)";

    /** As {@link #INSERT_APPLICATIONS}. */
    private static final String INSERT_OUTCOMES = """
            with inserted as (
                insert into ingestion.outcomes (portfolio, application_id, defaulted, observed_at, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset)
                select portfolio, application_id, defaulted, coalesce(observed_text::timestamptz, observed_at),
                       raw_payload, payload_sha256,
                       source_topic, source_partition, source_offset
                from pg_temp.intake_outcomes
                on conflict (portfolio, application_id) do nothing
                returning portfolio, application_id
            )
            select k.portfolio, k.application_id,
                   (select s.payload_sha256 from ingestion.outcomes s
                     where s.portfolio = k.portfolio and s.application_id = k.application_id) as stored_sha256
            from pg_temp.intake_outcomes k
            where not exists (select 1 from inserted n
                              where n.portfolio = k.portfolio and n.application_id = k.application_id)
            """;

    private static final String INSERT_DEAD_LETTERS = """
            insert into ingestion.dead_letters (source_topic, source_partition, source_offset, portfolio,
                application_id, reason, field, message, payload)
            select * from unnest(?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[])
            on conflict (source_topic, source_partition, source_offset) do nothing
            returning source_topic, source_partition, source_offset
            """;

    private final JdbcTemplate jdbc;

    IntakeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batched insert did: how many rows are new, and which rows conflict with a stored one. */
    record StoreResult<R extends IntakeRow>(int inserted, List<R> conflicts) {}

    StoreResult<ApplicationRow> storeApplications(List<ApplicationRow> rows) {
        if (rows.isEmpty()) {
            return new StoreResult<>(0, List.of());
        }
        return jdbc.execute((Connection con) -> {
            stage(con, STAGE_APPLICATIONS, COPY_APPLICATIONS, copy -> {
                for (ApplicationRow row : rows) {
                    ConsumerRecord<String, String> source = row.source();
                    copy.row(11).text(row.portfolio()).text(row.applicationId());
                    time(copy, row.submittedAt())
                            .jsonb(row.featuresJson())
                            .text(source.value())
                            .text(row.contentSha256())
                            .text(source.topic())
                            .int4(source.partition())
                            .int8(source.offset())
                            .int4(row.schemaVersion());
                }
            });
            return notInserted(con, INSERT_APPLICATIONS, rows, "ingestion.applications");
        });
    }

    StoreResult<OutcomeRow> storeOutcomes(List<OutcomeRow> rows) {
        if (rows.isEmpty()) {
            return new StoreResult<>(0, List.of());
        }
        return jdbc.execute((Connection con) -> {
            stage(con, STAGE_OUTCOMES, COPY_OUTCOMES, copy -> {
                for (OutcomeRow row : rows) {
                    ConsumerRecord<String, String> source = row.source();
                    copy.row(10).text(row.portfolio()).text(row.applicationId()).bool(row.defaulted());
                    time(copy, row.observedAt())
                            .text(source.value())
                            .text(row.contentSha256())
                            .text(source.topic())
                            .int4(source.partition())
                            .int8(source.offset());
                }
            });
            return notInserted(con, INSERT_OUTCOMES, rows, "ingestion.outcomes");
        });
    }

    @FunctionalInterface
    private interface Rows {
        void writeTo(BinaryCopy copy) throws SQLException;
    }

    /**
     * Creates the staging table if this session has none yet, empties it, and copies the rows into it. A COPY
     * that fails half-way is cancelled, so that the connection can roll back to the savepoint and go on.
     */
    private static void stage(Connection con, String stage, String copySql, Rows rows) throws SQLException {
        try (Statement statement = con.createStatement()) {
            statement.execute(stage);
        }
        CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            BinaryCopy out = BinaryCopy.start(copy);
            rows.writeTo(out);
            out.finish();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelled) {
                    // the server confirms the cancellation with an error; the failure that got here is thrown
                }
            }
        }
    }

    /**
     * Records dead letters, once per source record.
     *
     * @return the rejections recorded now (a replayed record that was dead-lettered before is left out)
     */
    List<Rejection> recordDeadLetters(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return List.of();
        }
        Set<String> recorded = jdbc.execute((Connection con) -> {
            try (PreparedStatement statement = con.prepareStatement(INSERT_DEAD_LETTERS)) {
                bind(statement, 1, array(rejections, r -> r.source().topic()));
                bind(statement, 2, array(rejections, r -> r.source().partition()));
                bind(statement, 3, array(rejections, r -> r.source().offset()));
                bind(statement, 4, array(rejections, r -> storable(r.portfolio())));
                bind(statement, 5, array(rejections, r -> storable(r.applicationId())));
                bind(statement, 6, array(rejections, r -> r.reason().name()));
                bind(statement, 7, array(rejections, r -> storable(r.first().field())));
                bind(statement, 8, array(rejections, r -> storable(r.first().message())));
                bind(statement, 9, array(rejections, r -> storable(payload(r.source()))));
                Set<String> keys = new HashSet<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        keys.add(sourceKey(rs.getString(1), rs.getInt(2), rs.getLong(3)));
                    }
                }
                return keys;
            }
        });
        return rejections.stream()
                .filter(r -> recorded.contains(sourceKey(
                        r.source().topic(), r.source().partition(), r.source().offset())))
                .toList();
    }

    /** The value as text: as consumed, or, when it was not valid UTF-8, decoded with U+FFFD for what is not. */
    private static String payload(ConsumerRecord<String, String> source) {
        if (source.value() != null) {
            return source.value();
        }
        byte[] undecoded = UndecodedBytes.original(source, false);
        return undecoded == null ? null : new String(undecoded, StandardCharsets.UTF_8);
    }

    /**
     * Text that PostgreSQL can hold, so that recording a dead letter never fails on what made it one: NUL (which
     * {@code text} cannot hold) and lone surrogates (which UTF-8 cannot) become U+FFFD. The dead-letter topic keeps
     * the exact bytes.
     */
    static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i); // a lone surrogate comes back as itself
            boolean unstorable = codePoint == 0 || Character.getType(codePoint) == Character.SURROGATE;
            out.appendCodePoint(unstorable ? '\uFFFD' : codePoint);
            changed |= unstorable;
            i += Character.charCount(codePoint);
        }
        return changed ? out.toString() : text;
    }

    /**
     * Reads the rows the insert skipped: same stored hash is a replay, another hash a conflict. A row another
     * transaction committed while this statement ran is not in its snapshot; it is read again afterwards.
     */
    private static <R extends IntakeRow> StoreResult<R> notInserted(
            Connection con, String insert, List<R> rows, String table) throws SQLException {
        Map<String, String> skipped = new HashMap<>();
        List<String> unseen = new ArrayList<>();
        try (PreparedStatement statement = con.prepareStatement(insert);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String key = rowKey(rs.getString(1), rs.getString(2));
                String stored = rs.getString(3);
                if (stored == null) {
                    unseen.add(key);
                } else {
                    skipped.put(key, stored);
                }
            }
        }
        for (String key : unseen) {
            skipped.put(key, storedHash(con, table, key));
        }
        List<R> conflicts = new ArrayList<>();
        for (R row : rows) {
            String stored = skipped.get(rowKey(row.portfolio(), row.applicationId()));
            if (stored != null && !stored.equals(row.contentSha256())) {
                conflicts.add(row);
            }
        }
        return new StoreResult<>(rows.size() - skipped.size(), conflicts);
    }

    private static String storedHash(Connection con, String table, String key) throws SQLException {
        String[] parts = key.split("\u0000", 2);
        try (PreparedStatement query = con.prepareStatement(
                "select payload_sha256 from " + table + " where portfolio = ? and application_id = ?")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    static String rowKey(String portfolio, String applicationId) {
        return portfolio + '\u0000' + applicationId;
    }

    private static String sourceKey(String topic, int partition, long offset) {
        return topic + '\u0000' + partition + '\u0000' + offset;
    }

    private static void bind(PreparedStatement statement, int index, ArrayLiteral array) throws SQLException {
        statement.setObject(index, array.literal(), Types.OTHER);
    }

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
    private static final long POSTGRES_EPOCH = 946_684_800L;

    private static final long YEAR_1 = -62_135_596_800L;
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * A time as two staged fields: PostgreSQL's binary {@code timestamptz} (microseconds since its epoch) when
     * that is exactly what the server would read from the ISO text (whole microseconds, years 1 to 9999), or else
     * the ISO text, cast by the server as before, so that a time it cannot hold is refused as it always was.
     * Formatting every time as text cost more than the rest of the row's encoding.
     */
    private static BinaryCopy time(BinaryCopy copy, Instant time) {
        if (time == null) {
            return copy.nul().nul();
        }
        long seconds = time.getEpochSecond();
        int nanos = time.getNano();
        if (nanos % 1_000 == 0 && seconds >= YEAR_1 && seconds < YEAR_10000) {
            return copy.int8((seconds - POSTGRES_EPOCH) * 1_000_000L + nanos / 1_000)
                    .nul();
        }
        return copy.nul().text(time.toString());
    }

    /**
     * An array parameter as a PostgreSQL array literal ({@code {"a","b",NULL}}), sent untyped and cast in the
     * statement. Built here rather than with {@code Connection.createArrayOf}, whose element escaping was the
     * hottest spot of the consumer in the benchmark. Only dead letters still go this way: they are few.
     */
    private static <T> ArrayLiteral array(List<T> rows, Function<T, Object> value) {
        StringBuilder literal = new StringBuilder(rows.size() * 32);
        literal.append('{');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object element = value.apply(rows.get(i));
            if (element == null) {
                literal.append("NULL");
            } else if (element instanceof Number || element instanceof Boolean) {
                literal.append(element);
            } else {
                String text = element.toString();
                literal.ensureCapacity(literal.length() + text.length() + 16);
                literal.append('"');
                int copied = 0;
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    if (ch == '"' || ch == '\\') {
                        literal.append(text, copied, c).append('\\');
                        copied = c;
                    }
                }
                literal.append(text, copied, text.length()).append('"');
            }
        }
        return new ArrayLiteral(literal.append('}').toString());
    }

    /** An array literal, bound as an untyped parameter. */
    private record ArrayLiteral(String literal) {}
}
