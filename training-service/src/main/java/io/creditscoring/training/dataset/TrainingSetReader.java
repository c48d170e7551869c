package io.creditscoring.training.dataset;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.contract.RawValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Streams a portfolio's labelled applications (applications joined with their outcomes) from ingestion's tables
 * with a server-side cursor, keeping only the schema's features, and hashes exactly what it read.
 */
@Component
public class TrainingSetReader {

    private static final Logger log = LoggerFactory.getLogger(TrainingSetReader.class);
    private static final int PROGRESS_EVERY = 10_000;

    private static final String SQL = """
            select a.application_id, a.submitted_at, a.features::text as features, o.defaulted
            from ingestion.applications a
            join ingestion.outcomes o on o.portfolio = a.portfolio and o.application_id = a.application_id
            where a.portfolio = ?
            order by a.application_id
            """;

    /** The same rows, restricted to outcomes observed in a window ({@link TrainingWindow}). */
    private static final String WINDOW_SQL = """
            select a.application_id, a.submitted_at, a.features::text as features, o.defaulted
            from ingestion.applications a
            join ingestion.outcomes o on o.portfolio = a.portfolio and o.application_id = a.application_id
            where a.portfolio = ?
              and coalesce(o.observed_at, o.stored_at) >= ? and coalesce(o.observed_at, o.stored_at) < ?
            order by a.application_id
            """;

    /** How many labelled rows (and defaults) a read would give, without reading them. */
    private static final String COUNT_SQL = """
            select count(*) as n, count(*) filter (where o.defaulted) as defaults
            from ingestion.applications a
            join ingestion.outcomes o on o.portfolio = a.portfolio and o.application_id = a.application_id
            where a.portfolio = ?
            """;

    private static final String WINDOW_CLAUSE =
            " and coalesce(o.observed_at, o.stored_at) >= ? and coalesce(o.observed_at, o.stored_at) < ?";

    /** Rows this reader turned into {@link LabelledRow}s: what a run held in memory (a Spark run holds none). */
    public static final String ROWS_READ = "training.rows.read";

    private final DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final MeterRegistry meters;

    TrainingSetReader(DataSource dataSource, MeterRegistry meters) {
        this.meters = meters;
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
    }

    /** Reads every labelled row of the portfolio; rows are streamed {@code fetchSize} at a time. */
    public TrainingSet read(PortfolioSchema schema, int fetchSize) {
        return read(schema, fetchSize, null);
    }

    /**
     * Reads the labelled rows of the portfolio whose outcome was observed in the window (every labelled row when the
     * window is null); rows are streamed {@code fetchSize} at a time.
     */
    public TrainingSet read(PortfolioSchema schema, int fetchSize, TrainingWindow window) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(fetchSize);
        MessageDigest digest = Sha256.newDigest();
        List<LabelledRow> rows = new ArrayList<>();
        int[] defaults = {0};
        List<FeatureSpec> features = schema.features();
        long started = System.nanoTime();
        // PostgreSQL only streams with a cursor inside a transaction; without one it buffers the whole result.
        Object[] args = window == null
                ? new Object[] {schema.portfolio()}
                : new Object[] {schema.portfolio(), Timestamp.from(window.from()), Timestamp.from(window.to())};
        withoutNestedLoops(jdbc, () -> {
            jdbc.query(
                    window == null ? SQL : WINDOW_SQL,
                    rs -> {
                        String id = rs.getString("application_id");
                        Timestamp submitted = rs.getTimestamp("submitted_at");
                        String json = rs.getString("features");
                        boolean defaulted = rs.getBoolean("defaulted");
                        digest.update((id + '\t' + json + '\t' + defaulted + '\n').getBytes(StandardCharsets.UTF_8));
                        rows.add(new LabelledRow(
                                id,
                                submitted == null ? null : submitted.toInstant(),
                                parse(json, features),
                                defaulted));
                        if (defaulted) {
                            defaults[0]++;
                        }
                        if (rows.size() % PROGRESS_EVERY == 0) {
                            log.info("Portfolio {}: {} labelled rows read", schema.portfolio(), rows.size());
                        }
                    },
                    args);
            return null;
        });
        log.info(
                "Portfolio {}: read {} labelled rows ({} defaults){} in {} ms",
                schema.portfolio(),
                rows.size(),
                defaults[0],
                window == null ? "" : " of " + window,
                (System.nanoTime() - started) / 1_000_000);
        rowsRead(meters, schema.portfolio(), "database").increment(rows.size());
        return new TrainingSet(rows, Sha256.hex(digest), defaults[0]);
    }

    /** The counter of rows read for a portfolio's runs, by where they came from. */
    public static Counter rowsRead(MeterRegistry meters, String portfolio, String source) {
        return Counter.builder(ROWS_READ)
                .description("Labelled rows a training run held as feature rows, by where they came from")
                .tag("portfolio", portfolio)
                .tag("source", source)
                .register(meters);
    }

    /** How many labelled rows and defaults a read (of the window, when not null) would give. */
    public record Counts(int rows, int defaults) {}

    public Counts count(PortfolioSchema schema, TrainingWindow window) {
        Object[] args = window == null
                ? new Object[] {schema.portfolio()}
                : new Object[] {schema.portfolio(), Timestamp.from(window.from()), Timestamp.from(window.to())};
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return withoutNestedLoops(
                jdbc,
                () -> jdbc.query(
                                window == null ? COUNT_SQL : COUNT_SQL + WINDOW_CLAUSE,
                                (rs, i) -> new Counts(rs.getInt("n"), rs.getInt("defaults")),
                                args)
                        .getFirst());
    }

    /**
     * Runs a read of a whole portfolio in a read-only transaction that plans no nested loop. Rows of a portfolio
     * stored since the tables were last analysed are estimated at one row, and a join of applications and outcomes
     * planned on that estimate is a nested loop, quadratic in the rows (ingestion's counts took 93 s for 30,000 rows
     * that way); a hash or merge join over a whole portfolio is never worse than that.
     */
    private <T> T withoutNestedLoops(JdbcTemplate jdbc, Supplier<T> read) {
        return readOnly.execute(tx -> {
            jdbc.execute("set local enable_nestloop = off");
            return read.get();
        });
    }

    /**
     * A stored features document as training reads it, with the feature contract's lenient reading
     * ({@link RawValues}): numbers as {@link Double}, labels as {@link String}, missing values left out. Ingestion
     * stored the document cleaned, so nothing is refused here.
     */
    public static Map<String, Object> parse(String json, List<FeatureSpec> features) {
        JsonNode node = CreditJson.json().readTree(json);
        Map<String, Object> values = HashMap.newHashMap(features.size());
        for (FeatureSpec f : features) {
            Object stored = stored(node.get(f.name()));
            if (f.isNumeric()) {
                double number = RawValues.number(stored);
                if (!Double.isNaN(number)) {
                    values.put(f.name(), number);
                }
            } else {
                String label = RawValues.label(stored);
                if (label != null) {
                    values.put(f.name(), label);
                }
            }
        }
        return values;
    }

    /** A stored JSON value as a Java value: a number, text, or null for anything else. */
    private static Object stored(JsonNode value) {
        if (value == null) {
            return null;
        }
        return value.isNumber() ? value.numberValue() : value.isString() ? value.stringValue() : null;
    }
}
