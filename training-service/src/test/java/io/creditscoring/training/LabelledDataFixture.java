package io.creditscoring.training;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.CsvLayout;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.SharedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes labelled applications straight into ingestion's tables (as ingestion would have stored them: cleaned
 * features as JSON, one outcome per application), from the bundled data files or from rows built in a test.
 */
public final class LabelledDataFixture {

    private static boolean migrated;

    private LabelledDataFixture() {}

    /** Ingestion's tables, created once per JVM the way ingestion-service would create them. */
    private static synchronized void migrateOnce() {
        if (!migrated) {
            SharedPostgres.migrate("ingestion");
            migrated = true;
        }
    }

    /** One application with its outcome. */
    public record Row(String applicationId, Instant submittedAt, Map<String, Object> features, boolean defaulted) {}

    /** Loads a bundled data set for its portfolio, parsing the file per the schema's CSV layout. */
    public static synchronized int loadBundled(SampleData data, PortfolioSchema schema) {
        migrateOnce();
        JdbcTemplate jdbc = new JdbcTemplate(SharedPostgres.dataSource());
        Integer present = jdbc.queryForObject(
                "select count(*) from ingestion.outcomes where portfolio = ?", Integer.class, schema.portfolio());
        if (present != null && present >= data.rows()) {
            return present;
        }
        List<Row> rows = parse(data, schema);
        insert(schema.portfolio(), rows);
        return rows.size();
    }

    public static void insert(String portfolio, List<Row> rows) {
        migrateOnce();
        insert(SharedPostgres.dataSource(), portfolio, rows);
    }

    /** Inserts rows whose outcomes were observed at the given time (null: none given, as before). */
    public static void insert(String portfolio, List<Row> rows, Instant observedAt) {
        migrateOnce();
        insert(SharedPostgres.dataSource(), portfolio, rows, observedAt);
    }

    /** Inserts into another database, whose ingestion tables exist already. */
    public static void insert(DataSource dataSource, String portfolio, List<Row> rows) {
        insert(dataSource, portfolio, rows, null);
    }

    private static void insert(DataSource dataSource, String portfolio, List<Row> rows, Instant observedAt) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Object[]> applications = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>();
        long offset = 0;
        for (Row r : rows) {
            String json = CreditJson.json().writeValueAsString(r.features());
            applications.add(new Object[] {
                portfolio,
                r.applicationId(),
                r.submittedAt() == null ? null : Timestamp.from(r.submittedAt()),
                json,
                json,
                "fixture",
                "fixture",
                0,
                offset
            });
            outcomes.add(new Object[] {
                portfolio,
                r.applicationId(),
                r.defaulted(),
                observedAt == null ? null : Timestamp.from(observedAt),
                "{}",
                "fixture",
                "fixture",
                0,
                offset
            });
            offset++;
        }
        jdbc.batchUpdate("""
                insert into ingestion.applications (portfolio, application_id, submitted_at, features, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset)
                values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict do nothing
                """, applications);
        jdbc.batchUpdate("""
                insert into ingestion.outcomes (portfolio, application_id, defaulted, observed_at, raw_payload,
                    payload_sha256, source_topic, source_partition, source_offset)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """, outcomes);
    }

    static List<Row> parse(SampleData data, PortfolioSchema schema) {
        return parse(data.open(), schema);
    }

    /** The rows of a CSV stream laid out as the schema says (read to its end and closed). */
    static List<Row> parse(InputStream data, PortfolioSchema schema) {
        CsvLayout layout = schema.csvLayout();
        CSVFormat.Builder format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(layout.delimiterChar())
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true);
        format = layout.hasHeader()
                ? format.setHeader().setSkipHeaderRecord(true)
                : format.setHeader(layout.columns().toArray(String[]::new));
        List<Row> rows = new ArrayList<>();
        try (Reader in = new InputStreamReader(data, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder()
                        .setReader(in)
                        .setFormat(format.get())
                        .get()) {
            long line = 0;
            for (CSVRecord record : parser) {
                line++;
                String id = schema.idColumn() == null
                        ? Long.toString(line)
                        : record.get(schema.idColumn()).trim();
                Map<String, Object> features = new LinkedHashMap<>();
                for (FeatureSpec f : schema.features()) {
                    String raw = record.get(f.name()).trim();
                    if (raw.isEmpty()) {
                        continue;
                    }
                    features.put(f.name(), f.isNumeric() ? number(raw) : raw);
                }
                boolean defaulted = record.get(schema.target().column())
                        .trim()
                        .equals(schema.target().positive());
                rows.add(new Row(id, null, features, defaulted));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Object number(String raw) {
        double d = Double.parseDouble(raw);
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
