package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's CSV reading of a data set at a path, in a Spark session of this JVM ({@code local[1]}, no UI): columns
 * found by the schema's names, trimmed and case-insensitive, in the schema's CSV layout (delimiter, header or listed
 * columns); values typed as the local engine reads stored ones; unlabelled rows and rows without an id left out and
 * counted; an id seen twice and a missing column fail with the file's columns named. training-service's
 * {@code SparkEngineTest} reads a Parquet data set from an object store through the whole job; this covers CSV without
 * another Spark run of the service.
 */
class FileRowsReaderTest {

    private static final TrainingSchema LOANS = new TrainingSchema(
            "loans",
            List.of(
                    new TrainingSchema.Feature("amount", true, List.of(), true, 1),
                    new TrainingSchema.Feature("purpose", false, List.of("car", "home"), true, 0),
                    new TrainingSchema.Feature("term", false, List.of("12", "24"), true, 0)),
            "Loan_ID",
            "Default",
            "yes",
            new TrainingSchema.CsvLayout(";", true, List.of()));

    private static SparkSession spark;

    @TempDir
    static Path directory;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder("FileRowsReaderTest", 1, 1).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static FileRowsReader.Read read(TrainingSchema schema, String name, String csv) throws IOException {
        Path file = Files.writeString(directory.resolve(name), csv, StandardCharsets.UTF_8);
        JobArguments job = JobArguments.parse(
                new String[] {
                    "--portfolio", schema.portfolio(),
                    "--run-id", "test",
                    "--schema", directory.resolve("schema.json").toString(),
                    "--output", directory.resolve("output").toString(),
                    "--source-path", file.toUri().toString(),
                    "--source-format", "csv",
                    "--folds", "2"
                },
                Map.of());
        return new FileRowsReader(spark, job).read(schema);
    }

    /** The rows read, by application id: each feature's value as the job hands it on (null when missing). */
    private static Map<String, List<Object>> values(FileRowsReader.Read read) {
        Map<String, List<Object>> byId = new HashMap<>();
        for (Row row : read.labelled()
                .rows()
                .select(LabelledRowsReader.ID, "amount", "purpose", "term")
                .collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i < row.length(); i++) {
                values.add(row.get(i));
            }
            byId.put(row.getString(0), values);
        }
        return byId;
    }

    @Test
    void readsTheSchemasColumnsByNameInItsCsvLayoutAndTypesTheValues() throws IOException {
        StringBuilder csv = new StringBuilder(" loan_id ;AMOUNT; Purpose ;term;extra;DEFAULT\n");
        // the values the test looks at
        csv.append("a01; 1200 ; car ;24;x; yes \n");
        csv.append("a02;abc;;12;x;no\n");
        csv.append("a03;-0;home; 12 ;x;maybe\n");
        csv.append("a04;NaN;car;24;x;yes\n");
        // left out: no outcome, no id
        csv.append("a05;100;car;12;x;\n");
        csv.append(" ;100;car;12;x;no\n");
        // enough of each class for the split and two folds
        for (int i = 6; i <= 21; i++) {
            csv.append(String.format("a%02d;%d;home;12;x;%s%n", i, 100 * i, i % 4 == 0 ? "yes" : "no"));
        }

        FileRowsReader.Read read = read(LOANS, "loans.csv", csv.toString());

        assertThat(read.skipped()).isEqualTo(2);
        assertThat(read.inputFiles()).singleElement().asString().endsWith("/loans.csv");
        LabelledRowsReader.LabelledRows labelled = read.labelled();
        // Spark's order of the ids, the order the split follows
        assertThat(labelled.ids()).hasSize(20).isSorted().startsWith("a01", "a02", "a03", "a04", "a06");
        assertThat(labelled.defaulted()[0])
                .as("' yes ', trimmed, is the positive value")
                .isTrue();
        assertThat(labelled.defaulted()[2])
                .as("any other text is a non-default")
                .isFalse();
        assertThat(labelled.defaulted()[3]).isTrue();
        assertThat(labelled.count(0) + labelled.count(1)).isEqualTo(20);
        Map<String, List<Object>> values = values(read);
        assertThat(values).hasSize(20).doesNotContainKey("a05");
        assertThat(values.get("a01")).containsExactly(1200.0, "car", "24");
        // text that is no number, and NaN, are missing; a blank category is missing
        assertThat(values.get("a02")).containsExactly(null, null, "12");
        assertThat(values.get("a04")).containsExactly(null, "car", "24");
        // -0 is 0, as the local engine reads it
        assertThat((double) values.get("a03").get(0)).isEqualTo(0.0);
        assertThat(1 / (double) values.get("a03").get(0)).isPositive();
        assertThat(values.get("a03")).endsWith("home", "12");
    }

    @Test
    void aLayoutWithoutHeaderNamesTheColumnsAndTheirCountMustMatch() throws IOException {
        TrainingSchema listed = new TrainingSchema(
                LOANS.portfolio(),
                LOANS.features(),
                LOANS.idColumn(),
                LOANS.targetColumn(),
                LOANS.targetPositive(),
                new TrainingSchema.CsvLayout(",", false, List.of("Loan_ID", "amount", "purpose", "term", "Default")));
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            csv.append(String.format("b%02d,%d,car,24,%s%n", i, 10 * i, i % 4 == 0 ? "yes" : "no"));
        }

        FileRowsReader.Read read = read(listed, "listed.csv", csv.toString());

        assertThat(read.skipped()).isZero();
        assertThat(read.labelled().ids()).hasSize(20).startsWith("b01");
        assertThat(values(read).get("b04")).containsExactly(40.0, "car", "24");
        assertThatThrownBy(() -> read(listed, "short.csv", "c01,1,car,yes\n"))
                .hasMessageContaining("has 4 columns, the schema's CSV layout lists 5");
    }

    @Test
    void anIdSeenTwiceOrAFeatureWithoutAColumnFailsTheJob() {
        assertThatThrownBy(() -> read(
                        LOANS,
                        "twice.csv",
                        "Loan_ID;amount;purpose;term;Default\nd01;1;car;12;yes\nd01;2;car;12;no\nd02;3;car;12;no\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has application id 'd01' twice");
        assertThatThrownBy(() -> read(LOANS, "no-term.csv", "Loan_ID;amount;purpose;Default\ne01;1;car;yes\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no column for term")
                .hasMessageContaining("[Loan_ID, amount, purpose, Default]");
    }
}
