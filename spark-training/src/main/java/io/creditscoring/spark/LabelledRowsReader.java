package io.creditscoring.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a portfolio's labelled applications (ingestion's applications joined with their outcomes) from PostgreSQL.
 *
 * <p>Two reads. The driver reads the ids and labels alone (and the submission times, when the run asks for the
 * out-of-time split), ordered by application id in the database's own collation, exactly as the local engine orders
 * its rows, and assigns the split from them ({@link OutOfTimeSplit}, {@link StratifiedSplit}).
 * The executors then read the features with one JDBC query per partition (rows spread by a hash of the application
 * id) and parse them in parallel. The driver's id list is the training set: rows stored between the two reads are
 * not part of it, and a row that went missing fails the job.
 */
public final class LabelledRowsReader {

    public static final String ID = "application_id";
    public static final String LABEL = "label";
    public static final String PART = "part";
    public static final String FOLD = "fold";
    /** An application's position in the split's row order (the order of {@code ids}). */
    public static final String ROW_INDEX = "row_index";

    /**
     * The driver's read: every row's id, stored features and label, in the database's order of the ids, as the
     * training service's {@code TrainingSetReader} reads them; the features are hashed (the run's lineage), not kept.
     */
    private static final String IDS_SQL = """
            select a.application_id, a.features::text as features, o.defaulted, a.submitted_at
            from ingestion.applications a
            join ingestion.outcomes o on o.portfolio = a.portfolio and o.application_id = a.application_id
            where a.portfolio = ?%s
            order by a.application_id
            """;

    /** A retrain's window of recent outcomes, as the training service's {@code TrainingSetReader} restricts it. */
    private static final String WINDOW =
            " and coalesce(o.observed_at, o.stored_at) >= ? and coalesce(o.observed_at, o.stored_at) < ?";

    /** The stored features of a few rows (the samples the service evaluates on), by id. */
    private static final String SAMPLE_SQL = """
            select a.application_id, a.features::text as features
            from ingestion.applications a
            where a.portfolio = ? and a.application_id = any(?)
            """;

    private final SparkSession spark;
    private final JobArguments job;

    public LabelledRowsReader(SparkSession spark, JobArguments job) {
        this.spark = spark;
        this.job = job;
    }

    /**
     * Every labelled row: {@value #ID}, {@value #LABEL} (1.0 = defaulted), {@value #PART} and {@value #FOLD} (see
     * {@link StratifiedSplit}) and one column per model input (double for numbers, string for categories, null when
     * missing).
     */
    public LabelledRows read(TrainingSchema schema) {
        List<String> ids = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        // kept only for an out-of-time split: the local engine's split is the only use of them
        List<Instant> submitted = job.settings().outOfTime() ? new ArrayList<>() : null;
        MessageDigest digest = RowsHash.newDigest();
        try (Connection connection = DriverManager.getConnection(job.jdbcUrl(), connectionProperties());
                PreparedStatement query =
                        connection.prepareStatement(String.format(IDS_SQL, job.window() == null ? "" : WINDOW))) {
            // PostgreSQL streams with a cursor only outside auto-commit.
            connection.setAutoCommit(false);
            // the service's reader does the same (TrainingSetReader): a portfolio stored since the last ANALYZE is
            // estimated at one row, and a nested-loop join planned on that is quadratic in the rows
            try (Statement settings = connection.createStatement()) {
                settings.execute("set local enable_nestloop = off");
            }
            query.setFetchSize(10_000);
            query.setString(1, job.portfolio());
            if (job.window() != null) {
                query.setTimestamp(2, Timestamp.from(job.window().from()));
                query.setTimestamp(3, Timestamp.from(job.window().to()));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    boolean defaulted = rs.getBoolean(3);
                    // the local engine's lineage hash, over exactly the same text
                    digest.update(
                            (id + '\t' + rs.getString(2) + '\t' + defaulted + '\n').getBytes(StandardCharsets.UTF_8));
                    ids.add(id);
                    labels.add(defaulted);
                    if (submitted != null) {
                        // read as the local engine's TrainingSetReader reads it
                        Timestamp t = rs.getTimestamp(4);
                        submitted.add(t == null ? null : t.toInstant());
                    }
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the labelled ids of portfolio '" + job.portfolio() + "'", e);
        }
        boolean[] defaulted = new boolean[labels.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = labels.get(i);
        }
        return LabelledRows.assign(
                spark,
                features(schema),
                ids,
                defaulted,
                submitted == null ? null : submitted.toArray(Instant[]::new),
                job.settings(),
                RowsHash.hex(digest));
    }

    /**
     * The stored features of the rows {@code ids} (the samples the training service evaluates on), as the database
     * gives them: every feature of the schema, protected ones too, as the local engine reads them.
     */
    public Map<String, String> storedFeatures(List<String> ids) {
        Map<String, String> features = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(job.jdbcUrl(), connectionProperties());
                PreparedStatement query = connection.prepareStatement(SAMPLE_SQL)) {
            connection.setAutoCommit(false);
            query.setFetchSize(10_000);
            query.setString(1, job.portfolio());
            query.setArray(2, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    features.put(rs.getString(1), rs.getString(2));
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sampled rows of portfolio '" + job.portfolio() + "'", e);
        }
        if (features.size() != new HashSet<>(ids).size()) {
            throw new IllegalStateException(
                    "the sampled rows of portfolio '" + job.portfolio() + "' changed during the job");
        }
        return features;
    }

    private Dataset<Row> features(TrainingSchema schema) {
        String portfolio = job.portfolio().replace("'", "''");
        String table = "(select a.application_id, a.features::text as features, o.defaulted"
                + " from ingestion.applications a"
                + " join ingestion.outcomes o on o.portfolio = a.portfolio and o.application_id = a.application_id"
                + " where a.portfolio = '" + portfolio + "'" + windowClause() + ") labelled";
        int n = Math.max(1, job.partitions());
        String[] predicates = IntStream.range(0, n)
                .mapToObj(i -> "mod(abs(hashtext(application_id)::bigint), " + n + ") = " + i)
                .toArray(String[]::new);
        Properties properties = connectionProperties();
        properties.setProperty("fetchsize", "2000");
        Dataset<Row> raw = spark.read().jdbc(job.jdbcUrl(), table, predicates, properties);

        // Every stored value is read as text (a JSON number as its digits), then typed like the local engine's
        // lenient reading: numbers as doubles (non-finite ones missing, -0 as 0), labels trimmed (blank missing).
        StructType document = new StructType();
        for (TrainingSchema.Feature f : schema.modelInputs()) {
            document = document.add(f.name(), DataTypes.StringType, true);
        }
        Dataset<Row> parsed = raw.select(
                col(ID),
                when(col("defaulted"), lit(1.0)).otherwise(lit(0.0)).as(LABEL),
                from_json(col("features"), document).as("f"));
        List<Column> columns = new ArrayList<>();
        columns.add(col(ID));
        columns.add(col(LABEL));
        for (TrainingSchema.Feature f : schema.modelInputs()) {
            Column text = col("f.`" + f.name() + "`");
            columns.add((f.numeric() ? number(text) : label(text)).as(f.name()));
        }
        return parsed.select(columns.toArray(Column[]::new));
    }

    /** The window as SQL literals (instants parsed by the job's arguments, so nothing but a timestamp is written). */
    private String windowClause() {
        if (job.window() == null) {
            return "";
        }
        return " and coalesce(o.observed_at, o.stored_at) >= timestamptz '"
                + job.window().from() + "'" + " and coalesce(o.observed_at, o.stored_at) < timestamptz '"
                + job.window().to() + "'";
    }

    /** A value read as a number like the local engine's lenient reading: non-finite ones missing, -0 as 0. */
    static Column number(Column text) {
        Column v = text.cast(DataTypes.DoubleType);
        Column finite = v.isNotNull()
                .and(v.isNaN().unary_$bang())
                .and(v.notEqual(lit(Double.POSITIVE_INFINITY)))
                .and(v.notEqual(lit(Double.NEGATIVE_INFINITY)));
        // Adding +0.0 folds -0.0 into 0.0, as RawValues.modelNumber does.
        return when(finite, v.plus(lit(0.0)));
    }

    /** A value read as a category label: trimmed, blank missing. */
    static Column label(Column text) {
        Column t = trim(text);
        return when(t.notEqual(lit("")), t);
    }

    private Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", job.jdbcUser());
        p.setProperty("password", job.jdbcPassword());
        p.setProperty("driver", "org.postgresql.Driver");
        return p;
    }

    /**
     * The labelled rows, distributed, with the driver's ids, labels and split in the local engine's order: the order
     * the rows were read in for a stratified split, by submission time and id for an out-of-time one.
     *
     * @param rows one row per labelled application
     * @param rowIndex each application's id and {@value #ROW_INDEX}, distributed: results per application are put
     *     back in the split's order by it, never gathered by id on the driver
     * @param ids the application ids in the split's row order
     * @param defaulted the labels, by the same index
     * @param submittedAt the submission times by the same index (null entries: none), or null when the run asked for
     *     no out-of-time split
     * @param parts the split, by the same index
     * @param folds the cross-validation fold of each training row (-1 for test rows), by the same index
     * @param sha256 the run's lineage hash over the rows as read (the local engine's definition for each source)
     * @param split the split's kind and note, the local engine's
     */
    public record LabelledRows(
            Dataset<Row> rows,
            Dataset<Row> rowIndex,
            List<String> ids,
            boolean[] defaulted,
            Instant[] submittedAt,
            byte[] parts,
            int[] folds,
            String sha256,
            OutOfTimeSplit.Decision split) {

        /**
         * Splits the rows listed by the driver ({@code ids}, {@code defaulted} and {@code submittedAt}, in the order
         * they were read) with the local engine's rules, puts them in the split's row order, and joins the split onto
         * the distributed {@code features} (by {@value #ID}).
         */
        static LabelledRows assign(
                SparkSession spark,
                Dataset<Row> features,
                List<String> readIds,
                boolean[] readDefaulted,
                Instant[] readSubmittedAt,
                TrainingSettings s,
                String sha256) {
            OutOfTimeSplit.Decision split = OutOfTimeSplit.split(readIds, readDefaulted, readSubmittedAt, s);
            int[] order = split.order();
            List<String> ids = new ArrayList<>(order.length);
            boolean[] defaulted = new boolean[order.length];
            Instant[] submittedAt = readSubmittedAt == null ? null : new Instant[order.length];
            for (int k = 0; k < order.length; k++) {
                ids.add(readIds.get(order[k]));
                defaulted[k] = readDefaulted[order[k]];
                if (submittedAt != null) {
                    submittedAt[k] = readSubmittedAt[order[k]];
                }
            }
            byte[] parts = split.parts();
            // the folds of the training rows in the split's order, as the local engine folds its split's training rows
            int[] folds = StratifiedSplit.folds(defaulted, parts, s.folds(), s.seed());
            Dataset<Row> assigned = SplitAssignment.of(ids, parts, folds).dataset(spark);
            return new LabelledRows(
                    features.join(assigned.drop(ROW_INDEX), ID),
                    assigned.select(ID, ROW_INDEX),
                    ids,
                    defaulted,
                    submittedAt,
                    parts,
                    folds,
                    sha256,
                    split);
        }

        public int count(int part) {
            int n = 0;
            for (byte p : parts) {
                n += p == part ? 1 : 0;
            }
            return n;
        }
    }
}
