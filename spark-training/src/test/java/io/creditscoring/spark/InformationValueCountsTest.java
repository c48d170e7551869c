package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The information values' counts over all training rows, in a Spark session of this JVM ({@code local[2]}, four
 * shuffle partitions kept apart, so that a feature's sorted values span partitions): the cut edges are the exact order
 * statistics of the calculator's rule, and rows are counted in the calculator's bins. training-service's {@code
 * SparkEngineTest} compares a whole run's table with the local engine's.
 */
class InformationValueCountsTest {

    private static final TrainingSchema SCHEMA = new TrainingSchema(
            "loans",
            List.of(
                    new TrainingSchema.Feature("amount", true, List.of(), true, 0),
                    new TrainingSchema.Feature("purpose", false, List.of("car", "home"), true, 0),
                    new TrainingSchema.Feature("age", true, List.of(), false, 0),
                    new TrainingSchema.Feature("term", true, List.of(), true, 0)),
            "id",
            "default",
            "yes",
            new TrainingSchema.CsvLayout(",", true, List.of()));

    private static final StructType ROWS = new StructType()
            .add(LabelledRowsReader.LABEL, DataTypes.DoubleType, false)
            .add("amount", DataTypes.DoubleType, true)
            .add("purpose", DataTypes.StringType, true)
            .add("age", DataTypes.DoubleType, true)
            .add("term", DataTypes.DoubleType, true);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder("InformationValueCountsTest", 2, 4)
                // left on, adaptive execution would put these few rows into one partition after the sort
                .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Dataset<Row> train(List<Row> rows) {
        return spark.createDataFrame(rows, ROWS).repartition(3);
    }

    private static InformationValueCounts.Bin edge(double edge, long good, long bad) {
        return new InformationValueCounts.Bin(edge, null, good, bad);
    }

    private static InformationValueCounts.Bin named(String label, long good, long bad) {
        return new InformationValueCounts.Bin(Double.NaN, label, good, bad);
    }

    @Test
    void countsEveryModelInputInTheCalculatorsBins(@TempDir Path directory) throws Exception {
        // amount's 8 values sorted: 1 1 2 3 3 3 5 8; 4 bins: ranks 2, 4, 6 and 7, so the edges 2, 3, 5 and 8
        List<Row> rows = List.of(
                RowFactory.create(1.0, 1.0, "car", 30.0, null),
                RowFactory.create(0.0, 1.0, " car", 31.0, null),
                RowFactory.create(0.0, 2.0, "home", 32.0, null),
                RowFactory.create(1.0, 3.0, "home", 33.0, null),
                RowFactory.create(0.0, 3.0, "boat", 34.0, null),
                RowFactory.create(0.0, 3.0, null, 35.0, null),
                RowFactory.create(1.0, 5.0, "missing", 36.0, null),
                RowFactory.create(0.0, 8.0, "unknown", 37.0, null),
                RowFactory.create(1.0, null, "car", 38.0, null),
                RowFactory.create(0.0, null, "car", 39.0, null));

        List<InformationValueCounts.Feature> counted = InformationValueCounts.count(SCHEMA, train(rows), 4);

        // the model inputs in schema order (age is none); values as given (the job's reading trimmed them before)
        assertThat(counted)
                .containsExactly(
                        new InformationValueCounts.Feature(
                                "amount",
                                List.of(
                                        edge(2, 2, 1),
                                        edge(3, 2, 1),
                                        edge(5, 0, 1),
                                        edge(8, 1, 0),
                                        named("missing", 1, 1))),
                        new InformationValueCounts.Feature(
                                "purpose",
                                List.of(
                                        named("car", 1, 2),
                                        named("home", 1, 1),
                                        named("missing", 1, 1),
                                        named("unknown", 3, 0))),
                        // always missing: no edge, every row in missing
                        new InformationValueCounts.Feature("term", List.of(named("missing", 6, 4))));

        Path file = directory.resolve(InformationValueCounts.FILE);
        InformationValueCounts.write(file, counted, 4);
        JsonNode written = PipelineJson.MAPPER.readTree(file.toFile());
        assertThat(written.get("bins").asInt()).isEqualTo(4);
        JsonNode amount = written.get("features").get(0);
        assertThat(amount.get("feature").asText()).isEqualTo("amount");
        assertThat(amount.get("bins").get(1).get("edge").asDouble()).isEqualTo(3.0);
        assertThat(amount.get("bins").get(1).get("good").asLong()).isEqualTo(2);
        assertThat(amount.get("bins").get(4).get("label").asText()).isEqualTo("missing");
        assertThat(amount.get("bins").get(4).has("edge")).isFalse();
    }

    /**
     * A thousand rows across partitions, with many ties and a few distinct values: the edges and counts of the rule
     * applied to the rows in one sorted array.
     */
    @Test
    void theEdgesAreExactOrderStatisticsAcrossPartitions() {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Double amount = random.nextInt(9) == 0 ? null : Math.floor(random.nextGaussian() * 1_000) / 8;
            // a handful of values, most rows on two of them: edges repeat
            Double term = random.nextInt(5) == 0 ? 12.0 : random.nextInt(4) == 0 ? 24.0 : 36.0 + random.nextInt(3);
            rows.add(RowFactory.create(random.nextInt(4) == 0 ? 1.0 : 0.0, amount, "car", null, term));
        }

        List<InformationValueCounts.Feature> counted = InformationValueCounts.count(SCHEMA, train(rows), 10);

        assertThat(counted.get(0)).isEqualTo(expected("amount", rows, 1, 10));
        assertThat(counted.get(2)).isEqualTo(expected("term", rows, 4, 10));
        assertThat(counted.get(2).bins()).hasSizeLessThan(10);
    }

    /** The rule in one array: the sorted values' order statistics as edges, each row in its bin. */
    private static InformationValueCounts.Feature expected(String name, List<Row> rows, int column, int bins) {
        double[] sorted = rows.stream()
                .filter(r -> !r.isNullAt(column))
                .mapToDouble(r -> r.getDouble(column))
                .sorted()
                .toArray();
        int n = sorted.length;
        TreeSet<Double> cuts = new TreeSet<>();
        for (int q = 1; q < bins; q++) {
            cuts.add(sorted[Math.min(n - 1, q * n / bins)]);
        }
        cuts.add(sorted[n - 1]);
        double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
        long[][] counts = new long[edges.length + 1][2];
        for (Row r : rows) {
            int bin = edges.length;
            if (!r.isNullAt(column)) {
                int i = Arrays.binarySearch(edges, r.getDouble(column));
                bin = i >= 0 ? i : -i - 1;
            }
            counts[bin][r.getDouble(0) == 1.0 ? 1 : 0]++;
        }
        List<InformationValueCounts.Bin> out = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            out.add(edge(edges[i], counts[i][0], counts[i][1]));
        }
        out.add(named("missing", counts[edges.length][0], counts[edges.length][1]));
        return new InformationValueCounts.Feature(name, out);
    }
}
