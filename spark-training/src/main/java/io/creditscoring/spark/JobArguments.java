package io.creditscoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one Spark training job is asked to do, read from {@code --name value} pairs. The database password and the
 * object store's keys are read from the environment ({@value #PASSWORD_VARIABLE}, {@value #S3A_ACCESS_KEY_VARIABLE},
 * {@value #S3A_SECRET_KEY_VARIABLE}), never from the command line, which any user of the machine can list.
 *
 * @param portfolio the portfolio to train
 * @param runId the training run this job works for (written into every pipeline's lineage)
 * @param schemaFile the portfolio schema as JSON (the training service writes it)
 * @param jdbcUrl the PostgreSQL holding ingestion's tables (unused when the rows come from {@code source})
 * @param jdbcUser the database user
 * @param jdbcPassword the database password
 * @param output the directory the fitted pipelines and the summary are written to
 * @param partitions how many partitioned JDBC reads share the rows
 * @param algorithms what to fit, in the local engine's order ({@value #ALGORITHMS})
 * @param settings the split, preprocessing and model settings, the local engine's names and defaults
 * @param source a data set at a path to read instead of ingestion's tables, or null
 * @param s3aAccessKey the object store's access key for {@code s3a://} sources (empty: Hadoop's own credential chain)
 * @param s3aSecretKey its secret key
 * @param window a retrain's window of recent outcomes (ingestion's tables only), or null for every labelled row
 * @param sampleSize the most test rows and training rows written for the service ({@code sample.json})
 * @param referenceSampleSize the training service's drift reference sample size; the training sample is drawn as
 *     the service draws that sample, so that a Spark run registers the reference sample a local run would
 * @param search each algorithm's trials to cross-validate and the time budget ({@code --search}); without it, trial 1
 *     (the settings above) only
 */
public record JobArguments(
        String portfolio,
        String runId,
        Path schemaFile,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path output,
        int partitions,
        List<String> algorithms,
        TrainingSettings settings,
        Source source,
        String s3aAccessKey,
        String s3aSecretKey,
        Window window,
        int sampleSize,
        int referenceSampleSize,
        Search search) {

    /**
     * The hyper-parameter search the training service planned: per algorithm the trials in order (trial 1 the run's
     * own settings), drawn by the service's sampler, so that the job draws nothing itself.
     *
     * @param trials by algorithm
     * @param timeBudgetMs per algorithm: no trial after the first starts once this much time went to its trials
     */
    public record Search(Map<String, List<Trial>> trials, long timeBudgetMs) {

        public Search {
            trials = Map.copyOf(trials);
        }

        /** The algorithm's trials; trial 1 alone with {@code settings} when the service planned none for it. */
        public List<Trial> of(String algorithm, TrainingSettings settings) {
            return trials.getOrDefault(algorithm, List.of(new Trial(1, settings)));
        }
    }

    /** One trial: its number from 1 and the settings it is cross-validated with. */
    public record Trial(int number, TrainingSettings settings) {}

    /** A retrain's window: outcomes observed from {@code from} (inclusive) to {@code to} (exclusive). */
    public record Window(Instant from, Instant to) {}

    /**
     * A data set at a path: {@code s3a://bucket/prefix} or a {@code file:} path, one file or a directory of them.
     *
     * @param path the path as Hadoop reads it
     * @param format {@code csv} (the schema's CSV layout) or {@code parquet}
     */
    public record Source(String path, String format) {}

    /** Without the password and the keys: a record's own toString would print them into any log it reached. */
    @Override
    public String toString() {
        return "JobArguments[portfolio=" + portfolio + ", runId=" + runId + ", output=" + output + ", source=" + source
                + ", algorithms=" + algorithms + ", window=" + window + "]";
    }

    public static final String ALGORITHMS = "LOGISTIC_REGRESSION,XGBOOST,NEURAL_NETWORK";

    public static final String PASSWORD_VARIABLE = "SPARK_TRAINING_JDBC_PASSWORD";
    public static final String S3A_ACCESS_KEY_VARIABLE = "SPARK_TRAINING_S3A_ACCESS_KEY";
    public static final String S3A_SECRET_KEY_VARIABLE = "SPARK_TRAINING_S3A_SECRET_KEY";

    public static JobArguments parse(String[] args, Map<String, String> environment) {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + name + "'");
            }
            named.put(name.substring(2), args[++i]);
        }
        TrainingSettings settings = settings(named);
        Source source = null;
        if (named.containsKey("source-path")) {
            String format = named.getOrDefault("source-format", "").trim().toLowerCase(Locale.ROOT);
            if (!format.equals("csv") && !format.equals("parquet")) {
                throw new IllegalArgumentException("--source-format: csv or parquet, got '" + format + "'");
            }
            source = new Source(required(named, "source-path"), format);
        }
        Window window = named.containsKey("window-from")
                ? new Window(Instant.parse(named.get("window-from")), Instant.parse(required(named, "window-to")))
                : null;
        return new JobArguments(
                required(named, "portfolio"),
                required(named, "run-id"),
                Path.of(required(named, "schema")),
                source == null ? required(named, "jdbc-url") : named.getOrDefault("jdbc-url", ""),
                named.getOrDefault("jdbc-user", "postgres"),
                environment.getOrDefault(PASSWORD_VARIABLE, ""),
                Path.of(required(named, "output")),
                Integer.parseInt(named.getOrDefault("partitions", "4")),
                algorithms(named.getOrDefault("algorithms", ALGORITHMS)),
                settings,
                source,
                environment.getOrDefault(S3A_ACCESS_KEY_VARIABLE, ""),
                environment.getOrDefault(S3A_SECRET_KEY_VARIABLE, ""),
                window,
                Integer.parseInt(named.getOrDefault("sample-size", "50000")),
                Integer.parseInt(named.getOrDefault("reference-sample-size", "50000")),
                named.containsKey("search")
                        ? search(Path.of(named.get("search")), named)
                        : new Search(Map.of(), Long.MAX_VALUE));
    }

    /** The settings the arguments give, the local engine's defaults for those they do not name. */
    private static TrainingSettings settings(Map<String, String> named) {
        return new TrainingSettings(
                Long.parseLong(named.getOrDefault("seed", "42")),
                Double.parseDouble(named.getOrDefault("test-share", "0.2")),
                Boolean.parseBoolean(named.getOrDefault("out-of-time", "false")),
                Integer.parseInt(named.getOrDefault("out-of-time-min-span-days", "60")),
                Integer.parseInt(named.getOrDefault("folds", "5")),
                Double.parseDouble(named.getOrDefault("near-constant-share", "0.995")),
                Integer.parseInt(named.getOrDefault("min-category-rows", "5")),
                Integer.parseInt(named.getOrDefault("iv-bins", "10")),
                Double.parseDouble(named.getOrDefault("logistic-regression-lambda", "0.1")),
                Integer.parseInt(named.getOrDefault("logistic-regression-max-iterations", "100")),
                Double.parseDouble(named.getOrDefault("logistic-regression-tolerance", "1e-6")),
                new XgboostSettings(
                        Integer.parseInt(named.getOrDefault("xgboost-max-rounds", "600")),
                        Integer.parseInt(named.getOrDefault("xgboost-early-stopping-rounds", "30")),
                        Double.parseDouble(named.getOrDefault("xgboost-eta", "0.05")),
                        Integer.parseInt(named.getOrDefault("xgboost-max-depth", "6")),
                        Double.parseDouble(named.getOrDefault("xgboost-min-child-weight", "5")),
                        Double.parseDouble(named.getOrDefault("xgboost-subsample", "0.8")),
                        Double.parseDouble(named.getOrDefault("xgboost-colsample-bytree", "0.7")),
                        Double.parseDouble(named.getOrDefault("xgboost-lambda", "10")),
                        Integer.parseInt(named.getOrDefault("xgboost-workers", "2")),
                        named.getOrDefault("xgboost-early-stopping-metric", "logloss"),
                        Boolean.parseBoolean(named.getOrDefault("xgboost-monotone-constraints", "true")),
                        null),
                new NeuralNetworkSettings(
                        hiddenLayers(named.getOrDefault("neural-network-hidden-layers", "32,16")),
                        named.getOrDefault("neural-network-activation", "relu"),
                        Double.parseDouble(named.getOrDefault("neural-network-learning-rate", "0.005")),
                        Double.parseDouble(named.getOrDefault("neural-network-momentum", "0.0")),
                        Double.parseDouble(named.getOrDefault("neural-network-weight-decay", "0.0001")),
                        Integer.parseInt(named.getOrDefault("neural-network-batch-size", "64")),
                        Integer.parseInt(named.getOrDefault("neural-network-max-epochs", "60")),
                        Integer.parseInt(named.getOrDefault("neural-network-patience", "8")),
                        Integer.parseInt(named.getOrDefault("neural-network-workers", "2"))));
    }

    /**
     * The search file: {@code {"timeBudgetMs": n, "trials": {"XGBOOST": [{"trial": 1, "arguments": {"xgboost-eta":
     * "0.05", ...}}, ...]}}}. A trial's arguments replace the command line's of the same name; the rest (Spark's own
     * settings, the split) stay the command line's.
     */
    private static Search search(Path file, Map<String, String> named) {
        JsonNode root;
        try {
            root = PipelineJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search file " + file, e);
        }
        Map<String, List<Trial>> trials = new HashMap<>();
        root.get("trials").fields().forEachRemaining(algorithm -> {
            List<Trial> planned = new ArrayList<>();
            for (JsonNode trial : algorithm.getValue()) {
                Map<String, String> arguments = new HashMap<>(named);
                trial.get("arguments")
                        .fields()
                        .forEachRemaining(
                                a -> arguments.put(a.getKey(), a.getValue().asText()));
                int number = trial.get("trial").asInt();
                if (number != planned.size() + 1) {
                    throw new IllegalArgumentException("--search: " + algorithm.getKey() + " trial "
                            + (planned.size() + 1) + " is numbered " + number);
                }
                planned.add(new Trial(number, settings(arguments)));
            }
            trials.put(algorithms(algorithm.getKey()).get(0), List.copyOf(planned));
        });
        return new Search(trials, root.get("timeBudgetMs").asLong());
    }

    private static List<String> algorithms(String list) {
        List<String> known = List.of(ALGORITHMS.split(","));
        List<String> asked = new ArrayList<>();
        for (String a : list.split(",")) {
            String name = a.trim().toUpperCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "--algorithms: unknown or unsupported algorithm '" + a + "' (supported: " + ALGORITHMS + ")");
            }
            if (!asked.contains(name)) {
                asked.add(name);
            }
        }
        // the local engine's order, whatever the order asked
        return known.stream().filter(asked::contains).toList();
    }

    private static List<Integer> hiddenLayers(String list) {
        List<Integer> units = new ArrayList<>();
        for (String u : list.split(",")) {
            units.add(Integer.parseInt(u.trim()));
        }
        return units;
    }

    private static String required(Map<String, String> named, String name) {
        String value = named.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
