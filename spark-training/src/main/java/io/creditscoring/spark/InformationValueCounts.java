package io.creditscoring.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Every model input's training rows counted by bin, over all training rows, for the report's information values:
 * exactly the counts training-service's {@code InformationValueCalculator} takes from the rows it holds, which labels
 * and sums them with its own code ({@value #FILE}).
 *
 * <ul>
 *   <li>A numeric feature's cut edges are order statistics of its n non-missing values {@code v[0..n-1]} sorted:
 *       {@code v[min(n-1, floor(q*n/bins))]} for q = 1..bins-1 and {@code v[n-1]}, without repeats. They are exact and
 *       the values never reach the driver: the distinct (feature, value) pairs with their row counts are sorted
 *       distributed, each partition's row count per feature gives the rank its values start at, and a second pass
 *       over the sorted partitions returns only the values at the wanted ranks (at most {@code bins} per feature).
 *   <li>A value equal to an edge falls in that edge's bin, one between two edges in the upper one's; a missing value
 *       in {@value #MISSING}.
 *   <li>A categorical feature: the schema's categories, then {@value #MISSING} and {@value #UNKNOWN} (a value not
 *       among the categories; text spelled {@value #MISSING} counts as missing, as the calculator counts it).
 * </ul>
 *
 * Values are the job's lenient reading of the features ({@link LabelledRowsReader}: numbers as doubles, null when
 * missing or not finite; labels trimmed, null when blank), the local engine's reading.
 */
final class InformationValueCounts {

    static final String FILE = "information-values.json";
    static final String MISSING = "missing";
    static final String UNKNOWN = "unknown";

    private InformationValueCounts() {}

    /**
     * One bin's rows: a numeric bin by its upper cut edge (the service labels it from the edges), else by its label.
     *
     * @param edge the cut edge, or NaN for a named bin
     * @param label a named bin's label, else null
     * @param good rows that did not default
     * @param bad rows that defaulted
     */
    record Bin(double edge, String label, long good, long bad) {}

    /** A feature's bins in the table's order: edges ascending then missing, or categories, missing, unknown. */
    record Feature(String name, List<Bin> bins) {}

    static List<Feature> count(TrainingSchema schema, Dataset<Row> train, int bins) {
        List<TrainingSchema.Feature> inputs = schema.modelInputs();
        if (inputs.isEmpty()) {
            return List.of();
        }
        // one row per distinct (feature, value) with its rows and defaults: whatever the rows, a few per category
        // and at most one per training row and numeric feature
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TrainingSchema.Feature f = inputs.get(i);
            Column v = col(PreprocessingFitter.quoted(f.name()));
            pairs.add(struct(
                    lit(i).as("feature"),
                    (f.numeric() ? v : lit(null)).cast(DataTypes.DoubleType).as("number"),
                    (f.numeric() ? lit(null) : v).cast(DataTypes.StringType).as("category")));
        }
        Dataset<Row> values = train.select(
                        explode(array(pairs.toArray(Column[]::new))).as("p"), col(LabelledRowsReader.LABEL))
                .groupBy(
                        col("p.feature").as("feature"),
                        col("p.number").as("number"),
                        col("p.category").as("category"))
                .agg(
                        functions.count(lit(1)).as("rows"),
                        sum(when(col(LabelledRowsReader.LABEL).equalTo(1.0), 1L).otherwise(0L))
                                .as("defaults"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            double[][] edges = edges(values, inputs, bins);
            Map<Tuple2<Integer, Integer>, long[]> counts = binCounts(values, inputs, edges);
            List<Feature> out = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                TrainingSchema.Feature f = inputs.get(i);
                List<String> named = f.numeric() ? List.of(MISSING) : named(f);
                int numbered = f.numeric() ? edges[i].length : 0;
                List<Bin> featureBins = new ArrayList<>();
                for (int b = 0; b < numbered + named.size(); b++) {
                    long[] n = counts.getOrDefault(new Tuple2<>(i, b), new long[2]);
                    featureBins.add(
                            b < numbered
                                    ? new Bin(edges[i][b], null, n[0] - n[1], n[1])
                                    : new Bin(Double.NaN, named.get(b - numbered), n[0] - n[1], n[1]));
                }
                out.add(new Feature(f.name(), List.copyOf(featureBins)));
            }
            return out;
        } finally {
            values.unpersist();
        }
    }

    /** A categorical feature's bins: its categories, missing, unknown. */
    private static List<String> named(TrainingSchema.Feature f) {
        List<String> named = new ArrayList<>(f.categories());
        named.add(MISSING);
        named.add(UNKNOWN);
        return named;
    }

    /**
     * Each numeric feature's cut edges (an empty array for a categorical feature or one always missing), from the
     * distinct (feature, value, rows) sorted by feature and value: two passes over the sorted partitions, the first
     * counting each partition's rows per feature, the second picking the values whose rows hold a wanted rank.
     */
    private static double[][] edges(Dataset<Row> values, List<TrainingSchema.Feature> inputs, int bins) {
        int features = inputs.size();
        double[][] edges = new double[features][0];
        if (inputs.stream().noneMatch(TrainingSchema.Feature::numeric)) {
            return edges;
        }
        // distinct (feature, value) pairs: a total order, the same in both passes
        JavaRDD<Row> sorted = values.where(col("number").isNotNull())
                .select("feature", "number", "rows")
                .orderBy("feature", "number")
                .javaRDD()
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<long[]> partitionRows = sorted.mapPartitionsWithIndex(
                            (Integer p, Iterator<Row> rows) -> {
                                long[] perFeature = new long[features];
                                rows.forEachRemaining(r -> perFeature[r.getInt(0)] += r.getLong(2));
                                List<long[]> out = new ArrayList<>();
                                for (int f = 0; f < features; f++) {
                                    if (perFeature[f] > 0) {
                                        out.add(new long[] {p, f, perFeature[f]});
                                    }
                                }
                                return out.iterator();
                            },
                            true)
                    .collect();
            int partitions = sorted.getNumPartitions();
            long[][] perPartition = new long[partitions][features];
            long[] n = new long[features];
            for (long[] c : partitionRows) {
                perPartition[(int) c[0]][(int) c[1]] = c[2];
                n[(int) c[1]] += c[2];
            }
            // the rank of the first row of each partition's values of a feature
            long[][] start = new long[partitions][features];
            for (int p = 1; p < partitions; p++) {
                for (int f = 0; f < features; f++) {
                    start[p][f] = start[p - 1][f] + perPartition[p - 1][f];
                }
            }
            long[][] wanted = new long[features][];
            for (int f = 0; f < features; f++) {
                wanted[f] = ranks(n[f], bins);
            }
            List<Tuple2<Integer, Double>> picked = sorted.mapPartitionsWithIndex(
                            (Integer p, Iterator<Row> rows) -> {
                                long[] rank = start[p].clone();
                                List<Tuple2<Integer, Double>> out = new ArrayList<>();
                                rows.forEachRemaining(r -> {
                                    int f = r.getInt(0);
                                    long from = rank[f];
                                    rank[f] += r.getLong(2);
                                    if (holdsAny(wanted[f], from, rank[f])) {
                                        out.add(new Tuple2<>(f, r.getDouble(1)));
                                    }
                                });
                                return out.iterator();
                            },
                            true)
                    .collect();
            List<TreeSet<Double>> cuts = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                cuts.add(new TreeSet<>());
            }
            picked.forEach(v -> cuts.get(v._1()).add(v._2()));
            for (int f = 0; f < features; f++) {
                edges[f] = cuts.get(f).stream().mapToDouble(Double::doubleValue).toArray();
            }
            return edges;
        } finally {
            sorted.unpersist(false);
        }
    }

    /**
     * The ranks of the cut edges among n sorted values: {@code min(n-1, floor(q*n/bins))} for q = 1..bins-1 and
     * {@code n-1}, ascending, without repeats (none when n is 0).
     */
    static long[] ranks(long n, int bins) {
        if (n == 0) {
            return new long[0];
        }
        TreeSet<Long> ranks = new TreeSet<>();
        for (int q = 1; q < bins; q++) {
            ranks.add(Math.min(n - 1, q * n / bins));
        }
        ranks.add(n - 1);
        return ranks.stream().mapToLong(Long::longValue).toArray();
    }

    /** Whether a value whose rows take the ranks {@code from} (inclusive) to {@code to} (exclusive) holds one wanted. */
    private static boolean holdsAny(long[] wanted, long from, long to) {
        int i = Arrays.binarySearch(wanted, from);
        int next = i >= 0 ? i : -i - 1;
        return next < wanted.length && wanted[next] < to;
    }

    /** (rows, defaults) by feature index and bin index (edges first, then the named bins), summed distributed. */
    private static Map<Tuple2<Integer, Integer>, long[]> binCounts(
            Dataset<Row> values, List<TrainingSchema.Feature> inputs, double[][] edges) {
        boolean[] numeric = new boolean[inputs.size()];
        List<List<String>> categories = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            numeric[i] = inputs.get(i).numeric();
            categories.add(List.copyOf(inputs.get(i).categories()));
        }
        return values.select("feature", "number", "category", "rows", "defaults")
                .javaRDD()
                .mapToPair(r -> {
                    int f = r.getInt(0);
                    int bin = numeric[f]
                            ? numberBin(edges[f], r.isNullAt(1) ? Double.NaN : r.getDouble(1))
                            : categoryBin(categories.get(f), r.isNullAt(2) ? null : r.getString(2));
                    return new Tuple2<>(new Tuple2<>(f, bin), new long[] {r.getLong(3), r.getLong(4)});
                })
                .reduceByKey((a, b) -> new long[] {a[0] + b[0], a[1] + b[1]})
                .collectAsMap();
    }

    /** The bin of a number: the edge it equals, else the first edge above it; missing (NaN) after the edges. */
    static int numberBin(double[] edges, double value) {
        if (Double.isNaN(value)) {
            return edges.length;
        }
        int i = Arrays.binarySearch(edges, value);
        return i >= 0 ? i : Math.min(edges.length - 1, -i - 1);
    }

    /** The bin of a label: its category's, else missing (null, or text spelled like that bin) or unknown. */
    static int categoryBin(List<String> categories, String label) {
        int i = label == null ? -1 : categories.indexOf(label);
        if (i >= 0) {
            return i;
        }
        return label == null || label.equals(MISSING) ? categories.size() : categories.size() + 1;
    }

    /**
     * Writes the counts: {@code {"bins": b, "features": [{"feature": name, "bins": [{"edge": e, "good": g, "bad": d}
     * ..., {"label": l, "good": g, "bad": d} ...]}]}}, features in the schema's order of model inputs, edges as
     * doubles (the service labels them itself).
     */
    static void write(Path file, List<Feature> features, int bins) throws IOException {
        ObjectNode root = PipelineJson.MAPPER.createObjectNode();
        root.put("bins", bins);
        ArrayNode out = root.putArray("features");
        for (Feature f : features) {
            ObjectNode feature = out.addObject();
            feature.put("feature", f.name());
            ArrayNode bs = feature.putArray("bins");
            for (Bin b : f.bins()) {
                ObjectNode bin = bs.addObject();
                if (b.label() == null) {
                    bin.put("edge", b.edge());
                } else {
                    bin.put("label", b.label());
                }
                bin.put("good", b.good());
                bin.put("bad", b.bad());
            }
        }
        PipelineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
