package io.creditscoring.spark;

import static org.apache.spark.sql.functions.col;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the training service evaluates a Spark run on, written so that it never holds a row object per labelled row:
 *
 * <ul>
 *   <li>{@value #ROWS}: per row, in the job's row order (the split's), its label, part and fold, as primitive values
 *       (an int count, then per row a byte label, a byte part and an int fold, -1 for a test row);
 *   <li>{@value #SUBMITTED_AT}, for a run that asked for the out-of-time split: per row, in the job's row order, its
 *       submission time (an int count, then per row a long epoch second and an int nanosecond, -1 when the row has
 *       none), from which the service checks the split and its note without the rows;
 *   <li>{@code <ALGORITHM>}{@value #PROBABILITIES}: doubles in the row order of one part (an int count first);
 *   <li>{@value #SAMPLE}: JSON lines, the feature rows of two bounded, seeded samples: test rows (for the ONNX parity
 *       gate and the champion's comparison) and training rows (the drift reference sample; the report's information
 *       values count all training rows, {@link InformationValueCounts}), each with its {@code sample}, its {@code
 *       order} in the sample and its {@code index} in its part's row order.
 * </ul>
 */
final class EvaluationFiles {

    static final String ROWS = "rows.bin";
    static final String SUBMITTED_AT = "submitted-at.bin";
    static final String PROBABILITIES = ".bin";
    static final String SAMPLE = "sample.json";

    private EvaluationFiles() {}

    static void writeRows(Path file, LabelledRowsReader.LabelledRows labelled) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(labelled.ids().size());
            for (int i = 0; i < labelled.ids().size(); i++) {
                out.writeByte(labelled.defaulted()[i] ? 1 : 0);
                out.writeByte(labelled.parts()[i]);
                out.writeInt(labelled.folds()[i]);
            }
        }
    }

    static void writeSubmissionTimes(Path file, LabelledRowsReader.LabelledRows labelled) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(labelled.ids().size());
            for (Instant t : labelled.submittedAt()) {
                out.writeLong(t == null ? 0 : t.getEpochSecond());
                out.writeInt(t == null ? -1 : t.getNano());
            }
        }
    }

    static void writeProbabilities(Path file, double[] probabilities) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(probabilities.length);
            for (double p : probabilities) {
                out.writeDouble(p);
            }
        }
    }

    /**
     * The sample of one part's rows, as row indices of the job's order. When the part has at most {@code size} rows,
     * all of them in order; else the first {@code size} of a shuffle of the part's positions by {@code Random(seed)}:
     * the training service draws its drift reference sample from the training rows exactly so, which makes the
     * training sample the reference sample a local run registers. {@code sorted}: the drawn rows in row order.
     */
    static int[] draw(byte[] parts, int part, int size, long seed, boolean sorted) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == part) {
                rows.add(i);
            }
        }
        if (rows.size() > size) {
            Collections.shuffle(rows, new Random(seed));
            rows = new ArrayList<>(rows.subList(0, size));
            if (sorted) {
                Collections.sort(rows);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One sampled row: which sample, its order in it, its index in its part's row order, its id and label. */
    record Sampled(String sample, int order, int index, String id, boolean defaulted) {}

    static List<Sampled> sampled(LabelledRowsReader.LabelledRows labelled, String sample, int part, int[] rows) {
        // a row's index among its part's rows
        int[] index = new int[labelled.parts().length];
        int n = 0;
        for (int i = 0; i < index.length; i++) {
            if (labelled.parts()[i] == part) {
                index[i] = n++;
            }
        }
        List<Sampled> out = new ArrayList<>(rows.length);
        for (int order = 0; order < rows.length; order++) {
            int row = rows[order];
            out.add(new Sampled(sample, order, index[row], labelled.ids().get(row), labelled.defaulted()[row]));
        }
        return out;
    }

    /**
     * The sampled rows from ingestion's tables: their stored features as the database gives them (every feature of
     * the schema, as the local engine reads them), fetched by id.
     */
    static void writeSample(Path file, List<Sampled> sampled, Map<String, String> features) throws IOException {
        List<String> lines = new ArrayList<>(sampled.size());
        for (Sampled s : sampled) {
            lines.add("{\"sample\":" + PipelineJson.MAPPER.writeValueAsString(s.sample()) + ",\"order\":" + s.order()
                    + ",\"index\":" + s.index() + ",\"application_id\":"
                    + PipelineJson.MAPPER.writeValueAsString(s.id()) + ",\"defaulted\":" + s.defaulted()
                    + ",\"features\":" + features.get(s.id()) + "}");
        }
        write(file, lines);
    }

    /** The sampled rows of a data set at a path, as its rows are hashed (JSON of every schema feature), via Spark. */
    static void writeSample(
            Path file, SparkSession spark, TrainingSchema schema, Dataset<Row> rows, List<Sampled> sampled)
            throws IOException {
        List<Row> tags = new ArrayList<>(sampled.size());
        for (Sampled s : sampled) {
            tags.add(RowFactory.create(s.id(), s.sample(), s.order(), s.index()));
        }
        StructType tagSchema = new StructType()
                .add("tag_id", DataTypes.StringType, false)
                .add("sample", DataTypes.StringType, false)
                .add("order", DataTypes.IntegerType, false)
                .add("index", DataTypes.IntegerType, false);
        Dataset<Row> tagged = spark.createDataFrame(tags, tagSchema);
        Dataset<Row> lines = FileRowsReader.jsonLines(schema, rows);
        List<String> json = tagged.join(lines, tagged.col("tag_id").equalTo(lines.col(LabelledRowsReader.ID)))
                .select(
                        col("sample"),
                        col("order"),
                        col("index"),
                        col(LabelledRowsReader.ID),
                        col("defaulted"),
                        col("features"))
                .toJSON()
                .collectAsList();
        if (json.size() != sampled.size()) {
            throw new IllegalStateException("found " + json.size() + " of the " + sampled.size() + " sampled rows");
        }
        List<String> ordered = new ArrayList<>(json);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < sampled.size(); i++) {
            position.put(sampled.get(i).sample() + "/" + sampled.get(i).order(), i);
        }
        ordered.sort(Comparator.comparingInt(line -> position.get(key(line))));
        write(file, ordered);
    }

    private static String key(String line) {
        try {
            var node = PipelineJson.MAPPER.readTree(line);
            return node.get("sample").asText() + "/" + node.get("order").asInt();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable sample line " + line, e);
        }
    }

    private static void write(Path file, List<String> lines) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
