package io.creditscoring.training.spark;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.ModelPipeline;
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
import tools.jackson.databind.JsonNode;

/**
 * What the spark-training job wrote for a run (docs/spark-training.md): per algorithm the fitted pipeline (model-pipeline's
 * plain numbers, uncalibrated), the refitted model's own probabilities on the test rows and every training row's
 * out-of-fold probability, each with its application id in the job's row order; the fold iterations and fit details;
 * for a run that read a data set at a path, what the job found there and the rows it read ({@code trainingSet}).
 */
public record SparkJobOutputs(
        Map<Algorithm, Model> models, Map<String, Double> timingsMs, SourceRead source, Path trainingSet) {

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
     * @param testIds the test rows' application ids, in the job's order
     * @param testProbabilities the refitted model's probabilities of those rows (the library's own)
     * @param trainingIds the training rows' application ids, in the job's order
     * @param outOfFold each training row's probability from the fold model that held it out
     * @param foldIterations the rounds each fold's early stopping kept (0 where the algorithm has none)
     */
    public record Model(
            Algorithm algorithm,
            ModelPipeline pipeline,
            List<String> testIds,
            double[] testProbabilities,
            List<String> trainingIds,
            double[] outOfFold,
            int[] foldIterations,
            Map<String, String> details) {}

    static SparkJobOutputs read(Path output) throws IOException {
        JsonNode summary = CreditJson.json().readTree(Files.readString(output.resolve("summary.json")));
        Map<Algorithm, Model> models = new EnumMap<>(Algorithm.class);
        for (JsonNode m : summary.get("models")) {
            Algorithm algorithm = Algorithm.valueOf(m.get("algorithm").asString());
            ModelPipeline pipeline = CreditJson.json()
                    .readValue(Files.readString(output.resolve(algorithm + ".pipeline.json")), ModelPipeline.class);
            List<String> testIds = new ArrayList<>();
            double[] test = probabilities(output.resolve(algorithm + ".test-probabilities.csv"), testIds);
            List<String> trainingIds = new ArrayList<>();
            double[] outOfFold = probabilities(output.resolve(algorithm + ".out-of-fold.csv"), trainingIds);
            JsonNode iterations = m.get("foldIterations");
            int[] foldIterations = new int[iterations.size()];
            for (int i = 0; i < foldIterations.length; i++) {
                foldIterations[i] = iterations.get(i).asInt();
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
                            List.copyOf(testIds),
                            test,
                            List.copyOf(trainingIds),
                            outOfFold,
                            foldIterations,
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
        Path trainingSet = output.resolve("training-set");
        return new SparkJobOutputs(
                Map.copyOf(models), timings, read, Files.isDirectory(trainingSet) ? trainingSet : null);
    }

    private static double[] probabilities(Path csv, List<String> ids) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            double[] out = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                int comma = line.lastIndexOf(',');
                ids.add(line.substring(0, comma));
                out[i - 1] = Double.parseDouble(line.substring(comma + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark job's " + csv.getFileName(), e);
        }
    }
}
