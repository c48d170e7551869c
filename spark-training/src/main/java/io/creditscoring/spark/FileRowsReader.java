package io.creditscoring.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a portfolio's labelled applications from a data set at a path ({@code s3a://bucket/prefix} or a
 * {@code file:} path; CSV in the schema's CSV layout, or Parquet) with Spark's own readers, distributed.
 *
 * <p>Columns are found by the schema's names, trimmed and case-insensitive, as ingestion's CSV import finds them: the
 * id column, the target column (a row whose target is blank is unlabelled and left out, as ingestion stores no outcome
 * for it; the target's text equal to the schema's positive value is a default) and every feature (a feature without a
 * column fails the job). Values are read like the local engine's lenient reading: numbers as doubles (text that is
 * no number, and non-finite numbers, missing; -0 as 0), categories as trimmed text (blank missing). Ingestion's
 * validation (ranges, allowed categories) is not applied: the file is trained on as it is.
 *
 * <p>The driver then lists the ids and labels in Spark's order of the ids (binary, UTF-8) and splits them as {@link
 * LabelledRowsReader} does; an id seen twice fails the job. A data set at a path carries no submission time (the
 * schema names no such column): a run that asks for the out-of-time split gets the local engine's fallback, the
 * stratified split with its note naming the first row's application.
 */
public final class FileRowsReader {

    private final SparkSession spark;
    private final JobArguments job;

    public FileRowsReader(SparkSession spark, JobArguments job) {
        this.spark = spark;
        this.job = job;
    }

    /**
     * What was read.
     *
     * @param labelled the labelled rows with the split (every schema feature, not only the model inputs)
     * @param skipped rows of the data set left out: no id, or no outcome
     * @param inputFiles the files Spark read
     */
    public record Read(LabelledRowsReader.LabelledRows labelled, long skipped, List<String> inputFiles) {}

    public Read read(TrainingSchema schema) {
        JobArguments.Source source = job.source();
        if (schema.idColumn() == null || schema.targetColumn() == null || schema.targetPositive() == null) {
            throw new IllegalArgumentException("portfolio '" + schema.portfolio() + "' names no id column or no target"
                    + " column: a data set at a path needs both");
        }
        Dataset<Row> raw = raw(schema, source);
        Map<String, StructField> byName = new HashMap<>();
        for (StructField field : raw.schema().fields()) {
            byName.putIfAbsent(field.name().trim().toLowerCase(Locale.ROOT), field);
        }
        List<String> missing = new ArrayList<>();
        StructField id = column(byName, schema.idColumn(), schema.idColumn() + " (id column)", missing);
        StructField target = column(byName, schema.targetColumn(), schema.targetColumn() + " (target)", missing);
        List<Column> features = new ArrayList<>();
        for (TrainingSchema.Feature f : schema.features()) {
            StructField field = column(byName, f.name(), f.name(), missing);
            if (field != null) {
                Column value = col(quoted(field));
                features.add((f.numeric() ? number(value, field.dataType()) : label(value)).as(f.name()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the data set " + source.path() + " has no column for "
                    + String.join(", ", missing) + "; its columns are " + Arrays.toString(raw.columns()));
        }

        Column idText = trim(col(quoted(id)).cast(DataTypes.StringType));
        Column targetText = trim(col(quoted(target)).cast(DataTypes.StringType));
        List<Column> selected = new ArrayList<>();
        selected.add(when(idText.notEqual(lit("")), idText).as(LabelledRowsReader.ID));
        selected.add(when(targetText.equalTo(lit("")), lit(null).cast(DataTypes.DoubleType))
                .when(targetText.equalTo(lit(schema.targetPositive().trim())), lit(1.0))
                .when(targetText.isNotNull(), lit(0.0))
                .as(LabelledRowsReader.LABEL));
        selected.addAll(features);
        Dataset<Row> all = raw.select(selected.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        Row counts = all.agg(
                        count(lit(1)),
                        count(when(
                                col(LabelledRowsReader.ID)
                                        .isNotNull()
                                        .and(col(LabelledRowsReader.LABEL).isNotNull()),
                                lit(1))))
                .first();
        long skipped = counts.getLong(0) - counts.getLong(1);
        Dataset<Row> rows = all.where(col(LabelledRowsReader.ID)
                .isNotNull()
                .and(col(LabelledRowsReader.LABEL).isNotNull()));

        // the split follows one row order: Spark's order of the ids, the same one the rows file is written in
        List<String> ids = new ArrayList<>();
        List<Row> listed = rows.select(LabelledRowsReader.ID, LabelledRowsReader.LABEL)
                .orderBy(LabelledRowsReader.ID)
                .collectAsList();
        boolean[] defaulted = new boolean[listed.size()];
        for (int i = 0; i < listed.size(); i++) {
            String applicationId = listed.get(i).getString(0);
            if (i > 0 && applicationId.equals(ids.get(i - 1))) {
                throw new IllegalArgumentException(
                        "the data set " + source.path() + " has application id '" + applicationId + "' twice");
            }
            ids.add(applicationId);
            defaulted[i] = listed.get(i).getDouble(1) == 1.0;
        }
        return new Read(
                LabelledRowsReader.LabelledRows.assign(
                        spark,
                        rows,
                        ids,
                        defaulted,
                        job.settings().outOfTime() ? new Instant[ids.size()] : null,
                        job.settings(),
                        null),
                skipped,
                List.of(raw.inputFiles()));
    }

    /**
     * The run's lineage hash of a data set at a path: SHA-256 over the labelled rows as JSON lines
     * ({@code application_id}, {@code defaulted}, {@code features} without its missing values), one line each, in the
     * split's row order. The lines stream through the driver one sorted partition at a time ({@code toLocalIterator})
     * and are hashed, not kept; until the service stopped reading the rows back, the job wrote exactly these lines
     * and the service hashed them, so the hash of a data set has not changed.
     */
    public static String sha256(TrainingSchema schema, Dataset<Row> rows) {
        MessageDigest digest = RowsHash.newDigest();
        Iterator<String> lines =
                jsonLines(schema, rows).orderBy(LabelledRowsReader.ID).toJSON().toLocalIterator();
        while (lines.hasNext()) {
            digest.update((lines.next() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return RowsHash.hex(digest);
    }

    /** The rows as the service reads one: id, {@code defaulted} and every schema feature (missing ones left out). */
    static Dataset<Row> jsonLines(TrainingSchema schema, Dataset<Row> rows) {
        Column[] features =
                schema.features().stream().map(f -> col("`" + f.name() + "`")).toArray(Column[]::new);
        return rows.select(
                col(LabelledRowsReader.ID),
                col(LabelledRowsReader.LABEL).equalTo(lit(1.0)).as("defaulted"),
                struct(features).as("features"));
    }

    private Dataset<Row> raw(TrainingSchema schema, JobArguments.Source source) {
        DataFrameReader reader = spark.read();
        if (source.format().equals("parquet")) {
            return reader.parquet(source.path());
        }
        TrainingSchema.CsvLayout layout = schema.csv();
        // every value as text (no inference, which would read the whole file once more), typed below
        Dataset<Row> csv = reader.option("header", layout.header())
                .option("sep", layout.delimiter())
                .option("encoding", "UTF-8")
                .option("mode", "PERMISSIVE")
                .csv(source.path());
        if (layout.header()) {
            return csv;
        }
        if (csv.columns().length != layout.columns().size()) {
            throw new IllegalArgumentException("the data set " + source.path() + " has " + csv.columns().length
                    + " columns, the schema's CSV layout lists "
                    + layout.columns().size());
        }
        return csv.toDF(layout.columns().toArray(String[]::new));
    }

    private static StructField column(
            Map<String, StructField> byName, String name, String described, List<String> missing) {
        StructField field = byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (field == null) {
            missing.add(described);
        }
        return field;
    }

    private static String quoted(StructField field) {
        return "`" + field.name().replace("`", "``") + "`";
    }

    /** A number column as it is; text read as a number (trimmed; not one: missing). */
    private static Column number(Column value, DataType type) {
        Column v = type instanceof NumericType ? value : trim(value.cast(DataTypes.StringType));
        return LabelledRowsReader.number(v);
    }

    /** A category as text: integers as their digits, so that Parquet's 2 is the schema's "2". */
    private static Column label(Column value) {
        return LabelledRowsReader.label(value.cast(DataTypes.StringType));
    }
}
