package io.creditscoring.training.spark;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.dataset.TrainingSetReader;
import io.creditscoring.training.preprocess.DroppedFeature;
import io.creditscoring.training.preprocess.InformationValueCalculator.BinCount;
import io.creditscoring.training.preprocess.InformationValueCalculator.BinnedFeature;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * What the spark-training job wrote for a run (docs/spark-training.md, "What the service holds"): per algorithm the
 * fitted pipeline (model-pipeline's plain numbers, uncalibrated), the refitted model's own probabilities on the test
 * rows as an array in the job's row order; the trials of its search (each trial's fold iterations, and its out-of-fold
 * probabilities in a file read one trial at a time), the trial refitted and the fit details; every row's label, part and fold ({@link Rows}); the split's kind and note
 * ({@link Split}, with the rows' submission times for an out-of-time split, read when checked); bounded samples of test and training rows as feature rows
 * ({@link Sample}); the preprocessing fitted on all training rows; every model input's training rows counted by
 * information-value bin ({@value #INFORMATION_VALUES}); the lineage hash and counts; for a run that read a data set at
 * a path, what the job found there. Nothing here holds an object per labelled row.
 *
 * @param informationValueBins every model input's training rows, all of them, counted by the information-value
 *     calculator's bins; null from a job that wrote no {@value #INFORMATION_VALUES} (built before it did)
 */
public record SparkJobOutputs(
        Map<Algorithm, Model> models,
        Map<String, Double> timingsMs,
        SourceRead source,
        Rows rows,
        Split split,
        Sample testSample,
        Sample trainingSample,
        Preprocessing scaled,
        Preprocessing trees,
        List<DroppedFeature> dropped,
        List<BinnedFeature> informationValueBins) {

    /** The job's counts of the training rows by information-value bin. */
    public static final String INFORMATION_VALUES = "information-values.json";

    /**
     * The split as the job made it: its kind and note (the local engine's words), checked by {@link
     * SparkOutcomes#requireLocalSplit} before they are recorded.
     *
     * @param kind STRATIFIED or OUT_OF_TIME
     * @param note how the split was made
     * @param untimedApplicationId the application whose missing submission time made an out-of-time split impossible
     *     (the local engine's note names it; the service holds no ids), or null
     * @param submittedAtFile every row's submission time in the job's row order ({@link JobSubmissionTimes}), written
     *     when the run asked for the out-of-time split, else null
     */
    public record Split(String kind, String note, String untimedApplicationId, Path submittedAtFile) {}

    /**
     * What the job found at a run's data set path (null for a run that read ingestion's tables).
     *
     * @param files the files Spark read
     * @param bytes their total size
     * @param etag the object's ETag when the data set is one object of an object store, else null
     * @param fingerprint SHA-256 over each file's path, size and ETag (or modification time)
     * @param rowsSkipped rows left out: no id, or no outcome
     */
    public record SourceRead(int files, long bytes, String etag, String fingerprint, long rowsSkipped) {}

    /**
     * One algorithm's output.
     *
     * @param testProbabilities the refitted model's probabilities of the test rows (the library's own), in the job's
     *     row order
     * @param trials the trials of its search the job cross-validated, in order (a prefix of the planned ones)
     * @param refittedTrial the trial the job found best and refitted on all training rows
     * @param searchStoppedByBudget whether the job stopped the search before its planned trials ran out, the time
     *     budget spent
     */
    public record Model(
            Algorithm algorithm,
            ModelPipeline pipeline,
            double[] testProbabilities,
            List<Trial> trials,
            int refittedTrial,
            boolean searchStoppedByBudget,
            Map<String, String> details) {}

    /**
     * One trial's cross-validation by the job. Its out-of-fold probabilities stay in their file until read, one trial
     * at a time: a run holds one such array per algorithm, not one per trial.
     *
     * @param foldIterations the rounds or epochs each fold's early stopping kept (0 where the algorithm has none)
     * @param seconds the job's time for the trial's folds
     * @param outOfFoldFile each training row's probability from the fold model that held it out, in the job's row
     *     order
     */
    public record Trial(int number, int[] foldIterations, double seconds, Path outOfFoldFile) {

        public double[] readOutOfFold() {
            return probabilities(outOfFoldFile);
        }
    }

    /**
     * Every labelled row the job read, as primitive values by row index (the job's order: the database's order of
     * the ids, or Spark's for a data set at a path), with the lineage hash over the rows as read.
     *
     * @param testIdsSha256 SHA-256 over the test rows' application ids, one per line, in the local engine's order
     *     (as {@code RunPreparation} hashes a local run's); null from a job built before it wrote it
     * @param labels 1 = defaulted
     * @param parts 0 = training, 1 = test
     * @param folds each training row's cross-validation fold, -1 for a test row
     */
    public record Rows(String sha256, String testIdsSha256, int defaults, byte[] labels, byte[] parts, int[] folds) {

        public static final byte TRAIN = 0;
        public static final byte TEST = 1;

        public int size() {
            return labels.length;
        }

        public int count(byte part) {
            int n = 0;
            for (byte p : parts) {
                n += p == part ? 1 : 0;
            }
            return n;
        }

        /** The labels of one part's rows, in row order. */
        public int[] labels(byte part) {
            return ofPart(part, i -> labels[i]);
        }

        /** The training rows' folds, in row order. */
        public int[] trainingFolds() {
            return ofPart(TRAIN, i -> folds[i]);
        }

        private int[] ofPart(byte part, IntUnaryOperator value) {
            return IntStream.range(0, parts.length)
                    .filter(i -> parts[i] == part)
                    .map(value)
                    .toArray();
        }
    }

    /**
     * A bounded sample of one part's rows, as the local engine reads rows (numbers as Double, categories as String).
     *
     * @param rows the rows, in the sample's order
     * @param indices each row's index in its part's row order
     */
    public record Sample(List<LabelledRow> rows, int[] indices) {

        public List<Map<String, Object>> features() {
            return rows.stream().map(LabelledRow::features).toList();
        }

        public List<String> ids() {
            return rows.stream().map(LabelledRow::applicationId).toList();
        }
    }

    /** What the job wrote into {@code output}, read as described above. */
    public static SparkJobOutputs read(Path output, PortfolioSchema schema) throws IOException {
        JsonNode summary = CreditJson.json().readTree(Files.readString(output.resolve("summary.json")));
        Map<Algorithm, Model> models = new EnumMap<>(Algorithm.class);
        for (JsonNode m : summary.get("models")) {
            Algorithm algorithm = Algorithm.valueOf(m.get("algorithm").asString());
            ModelPipeline pipeline = CreditJson.json()
                    .readValue(Files.readString(output.resolve(algorithm + ".pipeline.json")), ModelPipeline.class);
            double[] test = probabilities(output.resolve(algorithm + ".test-probabilities.bin"));
            List<Trial> trials = new ArrayList<>();
            for (JsonNode t : m.get("trials")) {
                int number = t.get("trial").asInt();
                trials.add(new Trial(
                        number,
                        ints(t.get("foldIterations")),
                        t.get("seconds").asDouble(),
                        output.resolve(algorithm + ".trial-" + number + ".out-of-fold.bin")));
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("engine", "spark");
            m.get("details")
                    .properties()
                    .forEach(e -> details.put(e.getKey(), e.getValue().asString()));
            models.put(
                    algorithm,
                    new Model(
                            algorithm,
                            pipeline,
                            test,
                            List.copyOf(trials),
                            m.get("refittedTrial").asInt(),
                            m.get("searchStoppedByBudget").asBoolean(),
                            Map.copyOf(details)));
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        summary.get("timingsMs")
                .properties()
                .forEach(e -> timings.put(e.getKey(), e.getValue().asDouble()));
        JsonNode source = summary.get("source");
        SourceRead read = source == null
                ? null
                : new SourceRead(
                        source.get("files").asInt(),
                        source.get("bytes").asLong(),
                        source.has("etag") ? source.get("etag").asString() : null,
                        source.get("fingerprint").asString(),
                        source.get("rowsSkipped").asLong());
        Rows rows = rows(output.resolve("rows.bin"), summary);
        JsonNode s = summary.get("split");
        Path submittedAt = output.resolve(JobSubmissionTimes.FILE);
        Split split = new Split(
                s.get("kind").asString(),
                s.get("note").asString(),
                s.has("untimedApplicationId") ? s.get("untimedApplicationId").asString() : null,
                Files.exists(submittedAt) ? submittedAt : null);
        List<LabelledRow> testRows = new ArrayList<>();
        List<Integer> testIndices = new ArrayList<>();
        List<LabelledRow> trainingRows = new ArrayList<>();
        List<Integer> trainingIndices = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(output.resolve("sample.json"), StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = CreditJson.json().readTree(line);
                JsonNode features = row.get("features");
                LabelledRow labelled = new LabelledRow(
                        row.get("application_id").asString(),
                        null,
                        TrainingSetReader.parse(features == null ? "{}" : features.toString(), schema.features()),
                        row.get("defaulted").asBoolean());
                boolean test = row.get("sample").asString().equals("test");
                (test ? testRows : trainingRows).add(labelled);
                (test ? testIndices : trainingIndices).add(row.get("index").asInt());
            }
        }
        JsonNode preprocessing = CreditJson.json().readTree(Files.readString(output.resolve("preprocessing.json")));
        List<DroppedFeature> dropped = new ArrayList<>();
        summary.get("dropped")
                .forEach(d -> dropped.add(new DroppedFeature(
                        d.get("feature").asString(), d.get("reason").asString())));
        return new SparkJobOutputs(
                Map.copyOf(models),
                timings,
                read,
                rows,
                split,
                new Sample(List.copyOf(testRows), ints(testIndices)),
                new Sample(List.copyOf(trainingRows), ints(trainingIndices)),
                CreditJson.json().readValue(preprocessing.get("scaled").toString(), Preprocessing.class),
                CreditJson.json().readValue(preprocessing.get("trees").toString(), Preprocessing.class),
                List.copyOf(dropped),
                informationValueBins(output.resolve(INFORMATION_VALUES)));
    }

    /**
     * The job's {@value #INFORMATION_VALUES}: per feature its bins in order, a numeric bin by its cut edge ({@code
     * edge}), the others by label; null when the job wrote none.
     */
    public static List<BinnedFeature> informationValueBins(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<BinnedFeature> features = new ArrayList<>();
        for (JsonNode f : CreditJson.json().readTree(Files.readString(file)).get("features")) {
            List<BinCount> bins = new ArrayList<>();
            for (JsonNode b : f.get("bins")) {
                int good = b.get("good").asInt();
                int bad = b.get("bad").asInt();
                bins.add(
                        b.has("edge")
                                ? BinCount.upTo(b.get("edge").asDouble(), good, bad)
                                : BinCount.named(b.get("label").asString(), good, bad));
            }
            features.add(new BinnedFeature(f.get("feature").asString(), bins));
        }
        return List.copyOf(features);
    }

    private static int[] ints(JsonNode values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return out;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Rows rows(Path file, JsonNode summary) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            byte[] labels = new byte[n];
            byte[] parts = new byte[n];
            int[] folds = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readByte();
                parts[i] = in.readByte();
                folds[i] = in.readInt();
            }
            return new Rows(
                    summary.get("datasetSha256").asString(),
                    summary.has("testIdsSha256") ? summary.get("testIdsSha256").asString() : null,
                    summary.get("defaults").asInt(),
                    labels,
                    parts,
                    folds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark job's " + file.getFileName(), e);
        }
    }

    private static double[] probabilities(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            double[] out = new double[in.readInt()];
            for (int i = 0; i < out.length; i++) {
                out[i] = in.readDouble();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark job's " + file.getFileName(), e);
        }
    }
}
