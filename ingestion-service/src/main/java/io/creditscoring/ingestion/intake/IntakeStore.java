package io.creditscoring.ingestion.intake;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Batched writes to the ingestion schema: one statement per batch and table, rows passed as arrays and
 * unnested ({@code insert ... select from unnest(...) on conflict do nothing}). The same statement reports the
 * ids already stored with another content hash: those are conflicts, left untouched.
 */
@Component
class IntakeStore {

    private static final String INSERT_APPLICATIONS = """
            with input as (
                select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::jsonb[], ?::text[], ?::text[],
                                     ?::text[], ?::int[], ?::bigint[], ?::int[])
                    as t(portfolio, application_id, submitted_at, features, raw_payload, payload_sha256,
                         source_topic, source_partition, source_offset, schema_version)
            ), inserted as (
                insert into ingestion.applications (portfolio, application_id, submitted_at, features, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset, schema_version)
                select * from input
                on conflict (portfolio, application_id) do nothing
                returning portfolio, application_id
            )
            select i.portfolio, i.application_id, s.payload_sha256 as stored_sha256
            from input i
            left join ingestion.applications s on s.portfolio = i.portfolio and s.application_id = i.application_id
            where not exists (select 1 from inserted n
                              where n.portfolio = i.portfolio and n.application_id = i.application_id)
            """;

    private static final String INSERT_OUTCOMES = """
            with input as (
                select * from unnest(?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::text[], ?::text[],
                                     ?::text[], ?::int[], ?::bigint[])
                    as t(portfolio, application_id, defaulted, observed_at, raw_payload, payload_sha256,
                         source_topic, source_partition, source_offset)
            ), inserted as (
                insert into ingestion.outcomes (portfolio, application_id, defaulted, observed_at, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset)
                select * from input
                on conflict (portfolio, application_id) do nothing
                returning portfolio, application_id
            )
            select i.portfolio, i.application_id, s.payload_sha256 as stored_sha256
            from input i
            left join ingestion.outcomes s on s.portfolio = i.portfolio and s.application_id = i.application_id
            where not exists (select 1 from inserted n
                              where n.portfolio = i.portfolio and n.application_id = i.application_id)
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
            try (PreparedStatement statement = con.prepareStatement(INSERT_APPLICATIONS)) {
                int i = 1;
                statement.setArray(i++, array(con, "text", rows, ApplicationRow::portfolio));
                statement.setArray(i++, array(con, "text", rows, ApplicationRow::applicationId));
                statement.setArray(i++, array(con, "text", rows, r -> text(r.submittedAt())));
                statement.setArray(i++, array(con, "text", rows, ApplicationRow::featuresJson));
                statement.setArray(i++, array(con, "text", rows, r -> r.source().value()));
                statement.setArray(i++, array(con, "text", rows, ApplicationRow::contentSha256));
                setSource(con, statement, i, rows);
                statement.setArray(i + 3, array(con, "int4", rows, ApplicationRow::schemaVersion));
                return notInserted(con, statement, rows, "ingestion.applications");
            }
        });
    }

    StoreResult<OutcomeRow> storeOutcomes(List<OutcomeRow> rows) {
        if (rows.isEmpty()) {
            return new StoreResult<>(0, List.of());
        }
        return jdbc.execute((Connection con) -> {
            try (PreparedStatement statement = con.prepareStatement(INSERT_OUTCOMES)) {
                int i = 1;
                statement.setArray(i++, array(con, "text", rows, OutcomeRow::portfolio));
                statement.setArray(i++, array(con, "text", rows, OutcomeRow::applicationId));
                statement.setArray(i++, array(con, "bool", rows, OutcomeRow::defaulted));
                statement.setArray(i++, array(con, "text", rows, r -> text(r.observedAt())));
                statement.setArray(i++, array(con, "text", rows, r -> r.source().value()));
                statement.setArray(i++, array(con, "text", rows, OutcomeRow::contentSha256));
                setSource(con, statement, i, rows);
                return notInserted(con, statement, rows, "ingestion.outcomes");
            }
        });
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
                statement.setArray(
                        1, array(con, "text", rejections, r -> r.source().topic()));
                statement.setArray(
                        2, array(con, "int4", rejections, r -> r.source().partition()));
                statement.setArray(
                        3, array(con, "int8", rejections, r -> r.source().offset()));
                statement.setArray(4, array(con, "text", rejections, Rejection::portfolio));
                statement.setArray(5, array(con, "text", rejections, Rejection::applicationId));
                statement.setArray(
                        6, array(con, "text", rejections, r -> r.reason().name()));
                statement.setArray(
                        7, array(con, "text", rejections, r -> r.first().field()));
                statement.setArray(
                        8, array(con, "text", rejections, r -> r.first().message()));
                statement.setArray(
                        9, array(con, "text", rejections, r -> r.source().value()));
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

    private static <R extends IntakeRow> void setSource(
            Connection con, PreparedStatement statement, int first, List<R> rows) throws SQLException {
        statement.setArray(first, array(con, "text", rows, r -> r.source().topic()));
        statement.setArray(first + 1, array(con, "int4", rows, r -> r.source().partition()));
        statement.setArray(first + 2, array(con, "int8", rows, r -> r.source().offset()));
    }

    /**
     * Reads the rows the insert skipped: same stored hash is a replay, another hash a conflict. A row another
     * transaction committed while this statement ran is not in its snapshot; it is read again afterwards.
     */
    private static <R extends IntakeRow> StoreResult<R> notInserted(
            Connection con, PreparedStatement statement, List<R> rows, String table) throws SQLException {
        Map<String, String> skipped = new HashMap<>();
        List<String> unseen = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
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

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    private static <T> Array array(Connection con, String type, List<T> rows, Function<T, Object> value)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return con.createArrayOf(type, values);
    }
}
