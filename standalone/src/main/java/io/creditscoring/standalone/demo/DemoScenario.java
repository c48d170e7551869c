package io.creditscoring.standalone.demo;

import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.standalone.StandaloneSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop on the bundled Taiwan data, through the services' public APIs only: import through Kafka,
 * train and compare three models, promote a champion, score a stream, score a drifted stream, see the drift
 * verdict and the retrain it triggers, and the new champion serving. Safe to run again on the same data: the
 * import is idempotent and every later step works from what the platform holds.
 */
public final class DemoScenario {

    /** The documented shift of the drifted stream: lower credit limits and later recent payments. */
    static final double LIMIT_BAL_FACTOR = 0.7;

    static final int PAY_0_SHIFT = 2;

    private static final String PORTFOLIO = BundledPortfolios.TAIWAN_CARDS;
    private static final int NORMAL_STREAM = 2_000;
    private static final int DRIFTED_STREAM = 5_000;
    private static final int BATCH = 500;

    private final StandaloneSettings settings;
    private final int importRows;
    private final PlatformClient platform;
    private final PrintStream out;
    private final ProgressBar.Output progressOutput;
    private DecisionLogProgress decisionLog;

    public DemoScenario(StandaloneSettings settings, String apiKey, PrintStream out) {
        this(settings, apiKey, out, SampleData.TAIWAN_CARDS.rows());
    }

    /**
     * The demo importing only the file's first {@code importRows} rows: the test suite runs the whole loop on a
     * third of the data, so that its two trainings fit the suite's time. Scoring still draws from every row.
     */
    public DemoScenario(StandaloneSettings settings, String apiKey, PrintStream out, int importRows) {
        if (importRows < 1 || importRows > SampleData.TAIWAN_CARDS.rows()) {
            throw new IllegalArgumentException("importRows must be 1 to " + SampleData.TAIWAN_CARDS.rows());
        }
        this.settings = settings;
        this.importRows = importRows;
        this.platform = new PlatformClient(settings, apiKey);
        this.out = out;
        this.progressOutput = ProgressBar.Output.of(out);
    }

    public void run() {
        try (DecisionLogProgress progress = new DecisionLogProgress(settings.kafkaBootstrapServers())) {
            decisionLog = progress;
            runSteps();
        }
    }

    private void runSteps() {
        Instant started = Instant.now();
        List<Map<String, Object>> rows = readTaiwanRows();

        heading("1/6 Import the Taiwan data through Kafka");
        importData();

        heading("2/6 Train logistic regression, XGBoost and a neural network");
        String runId = train();

        heading("3/6 Champion, with four eyes");
        PlatformClient approver = secondPairOfEyes();
        int champion = ensureChampion(runId, approver);
        // promoted is not yet served: the scoring API loads the champion when it hears of the promotion
        awaitServedVersion(champion);

        heading("4/6 Score a stream of %,d applications".formatted(NORMAL_STREAM));
        Collections.shuffle(rows, new Random(42));
        Instant calmFrom = Instant.now();
        score(rows.subList(0, NORMAL_STREAM), champion);
        JsonNode calm = driftOfStream(calmFrom);
        printDrift(calm);

        int challengerBefore = aliasVersion(platform.models(PORTFOLIO), "challenger");
        heading("5/6 Score a drifted stream of %,d (LIMIT_BAL x %.1f, PAY_0 + %d)"
                .formatted(DRIFTED_STREAM, LIMIT_BAL_FACTOR, PAY_0_SHIFT));
        Instant driftedFrom = Instant.now();
        score(drift(rows.subList(NORMAL_STREAM, NORMAL_STREAM + DRIFTED_STREAM)), champion);
        JsonNode drifted = driftOfStream(driftedFrom);
        printDrift(drifted);

        heading("6/6 Retrain after drift");
        if (drifted.path("retrainRequested").asBoolean()) {
            int newVersion = awaitRetrain(challengerBefore);
            if (currentChampion(platform.models(PORTFOLIO)).orElse(-1) != newVersion) {
                promoteWithFourEyes(newVersion, "demo: retrained after drift", approver);
            }
            int served = awaitServedVersion(newVersion);
            out.printf("  scoring-api now serves version %d%n", served);
        } else {
            out.println("  No retrain this time: the drift monitor's per-portfolio cooldown (24 h by default) holds"
                    + " back a second request; the drift report says so.");
        }

        heading("Reports (every API call needs a key, so the demo saved them for your browser)");
        out.println("  model comparison  " + save("run-" + runId + ".html", platform.trainingReport(runId)));
        out.println("  drift (calm)      " + saveDriftReport(calm));
        out.println("  drift (drifted)   " + saveDriftReport(drifted));
        out.printf(
                "%nDemo finished in %d s.%n",
                Duration.between(started, Instant.now()).toSeconds());
        out.println(
                "  Open the console at http://localhost:" + settings.consolePort() + " and sign in with the API key.");
    }

    private void importData() {
        byte[] csv = firstRowsOfTaiwan(importRows);
        int expected = importRows;
        // timed from before the import call: ingestion stores rows while the call is still publishing them
        ProgressBar bar = new ProgressBar(out, progressOutput, "stored in PostgreSQL", expected);
        JsonNode result = platform.importCsv(PORTFOLIO, csv);
        out.printf(
                "  import %s: %,d rows read, %,d applications and %,d outcomes published, %d rejected%n",
                result.path("importId").asString(),
                result.path("rowsRead").asLong(),
                result.path("applicationsPublished").asLong(),
                result.path("outcomesPublished").asLong(),
                result.path("rejected").size());
        JsonNode stats = await(
                Duration.ofMinutes(3),
                () -> platform.stats(PORTFOLIO),
                s -> {
                    bar.show(s.path("labeled").asLong());
                    return s.path("labeled").asLong() >= expected;
                },
                "all applications and outcomes stored");
        bar.finish(stats.path("labeled").asLong());
    }

    private String train() {
        String runId = platform.startTraining(PORTFOLIO).path("runId").asString();
        out.println("  run " + runId);
        JsonNode run = await(
                Duration.ofMinutes(3),
                () -> platform.trainingRun(runId),
                r -> r.path("status").asString().equals("SUCCEEDED")
                        || r.path("status").asString().equals("FAILED"),
                "training run " + runId + " to finish");
        if (run.path("status").asString().equals("FAILED")) {
            throw new DemoFailure(
                    "training failed: " + run.path("failureReason").asString());
        }
        out.printf(
                "  %,d training rows, %,d test rows%n",
                run.path("trainingRows").asLong(), run.path("testRows").asLong());
        out.printf(
                "  %-20s %8s %7s %7s %7s %8s %7s %10s%n",
                "algorithm", "version", "AUC", "Gini", "KS", "Brier", "F1", "ONNX |dp|");
        for (JsonNode model : run.path("models")) {
            JsonNode m = model.path("metrics");
            out.printf(
                    "  %-20s %8s %7.4f %7.4f %7.4f %8.4f %7.4f %10.2e%n",
                    model.path("algorithm").asString(),
                    model.path("modelVersion").asString(),
                    m.path("auc").asDouble(),
                    m.path("gini").asDouble(),
                    m.path("ks").asDouble(),
                    m.path("brier").asDouble(),
                    m.path("f1").asDouble(),
                    model.path("onnxParityMaxAbsDiff").asDouble());
        }
        out.println("  selected: version " + run.path("selectedModelVersion").asString());
        return runId;
    }

    /**
     * The second pair of eyes: a key of its own with the APPROVER role, made with the demo's admin key. Champion
     * promotions are four-eyes, so the key that asks can never be the key that approves.
     */
    private PlatformClient secondPairOfEyes() {
        String keyId = "demo-approver-" + UUID.randomUUID().toString().substring(0, 8);
        String key = platform.createKey(keyId, List.of("APPROVER", "READER"));
        out.println("  created API key '" + keyId + "' (APPROVER): the second pair of eyes for champion promotions");
        return new PlatformClient(settings, key);
    }

    private int ensureChampion(String runId, PlatformClient approver) {
        var champion = currentChampion(platform.models(PORTFOLIO));
        if (champion.isEmpty()) {
            int selected =
                    platform.trainingRun(runId).path("selectedModelVersion").asInt();
            out.println("  training policy: "
                    + platform.trainingRun(runId).path("promotionDecision").asString());
            promoteWithFourEyes(selected, "demo: first champion", approver);
            champion = java.util.Optional.of(selected);
        }
        out.println("  champion: version " + champion.get());
        return champion.get();
    }

    /**
     * Makes the version champion the four-eyes way: the request the training policy filed for it, or one the
     * demo's key files, approved by the approver's key.
     */
    private void promoteWithFourEyes(int version, String reason, PlatformClient approver) {
        JsonNode request = null;
        for (JsonNode pending : platform.pendingPromotionRequests(PORTFOLIO)) {
            if (pending.path("modelVersion").asInt() == version
                    && pending.path("alias").asString().equals("champion")) {
                request = pending;
            }
        }
        if (request == null) {
            request = platform.requestChampion(PORTFOLIO, version, reason);
        }
        out.printf(
                "  promotion request %s: version %d to champion, asked by '%s'%n",
                request.path("requestId").asString(),
                version,
                request.path("requestedBy").asString());
        JsonNode approved = approver.approve(request.path("requestId").asString(), "demo: reviewed the comparison");
        out.printf(
                "  %s by '%s' (another key than the one that asked)%n",
                approved.path("status").asString().toLowerCase(Locale.ROOT),
                approved.path("decidedBy").asString());
    }

    private static java.util.Optional<Integer> currentChampion(JsonNode models) {
        int champion = aliasVersion(models, "champion");
        return champion == 0 ? java.util.Optional.empty() : java.util.Optional.of(champion);
    }

    /** Scores the applications in batches, then waits until the drift monitor has consumed their events. */
    private void score(List<Map<String, Object>> applications, int expectedVersion) {
        long before = decisionLog.written();
        scoreBatches(applications, expectedVersion);
        long expected = before + applications.size();
        await(Duration.ofMinutes(1), decisionLog::written, n -> n >= expected, "the decision log to hold the events");
        await(
                Duration.ofMinutes(2),
                decisionLog::consumedByDriftMonitor,
                n -> n >= expected,
                "the drift monitor to consume the decision log");
    }

    private void scoreBatches(List<Map<String, Object>> applications, int expectedVersion) {
        Map<String, Integer> decisions = new TreeMap<>();
        ProgressBar bar = new ProgressBar(out, progressOutput, "scored", applications.size());
        for (int from = 0; from < applications.size(); from += BATCH) {
            List<Map<String, Object>> batch = applications.subList(from, Math.min(applications.size(), from + BATCH));
            JsonNode results = platform.scoreBatch(PORTFOLIO, Map.of("applications", batch))
                    .path("results");
            for (JsonNode result : results) {
                decisions.merge(result.path("decision").asString(), 1, Integer::sum);
            }
            bar.show(from + batch.size());
        }
        bar.finish(applications.size());
        out.println("  decisions: " + decisions + " (model version " + expectedVersion + ")");
    }

    /**
     * The drift result of the stream scored since {@code from}. The monitor also closes windows itself (every
     * {@code drift.window.max-events} events, or by age), so the window may be closed before the demo asks for an
     * evaluation, which then answers 409. The demo therefore asks, then reads the windows holding events received
     * since {@code from} and reports the one with the most events. With the default 5,000 events per window neither
     * stream is split: 2,000 stay below the count, and 5,000 fill exactly one window whoever closes it, so the
     * verdict does not depend on the timing; only other traffic on the portfolio could split a stream.
     */
    private JsonNode driftOfStream(Instant from) {
        platform.evaluateDrift(PORTFOLIO);
        JsonNode largest = null;
        for (JsonNode window : platform.driftWindows(PORTFOLIO, from)) {
            if (largest == null
                    || window.path("currentRows").asLong()
                            > largest.path("currentRows").asLong()) {
                largest = window;
            }
        }
        if (largest == null) {
            throw new DemoFailure("no drift window holds the events scored since " + from);
        }
        return platform.driftWindow(PORTFOLIO, largest.path("windowId").asLong());
    }

    private void printDrift(JsonNode result) {
        out.printf(
                "  window %s (trigger %s): %,d current rows vs %,d reference rows%n",
                result.path("windowId").asString(),
                result.path("trigger").asString(),
                result.path("currentRows").asLong(),
                result.path("referenceRows").asLong());
        out.printf(
                "  Drift is detected for %.0f%% of columns; dataset drift: %s; score PSI %.3f%n",
                100 * result.path("driftShare").asDouble(),
                result.path("datasetDrift").asBoolean() ? "YES" : "no",
                result.path("scorePsi").asDouble());
        List<String> driftedFeatures = new ArrayList<>();
        for (JsonNode feature : result.path("features")) {
            if (feature.path("drifted").asBoolean()) {
                driftedFeatures.add(feature.path("name").asString());
            }
        }
        out.println("  drifted features: " + (driftedFeatures.isEmpty() ? "none" : driftedFeatures));
        out.println("  retrain requested: " + (result.path("retrainRequested").asBoolean() ? "yes" : "no"));
    }

    private String saveDriftReport(JsonNode window) {
        long windowId = window.path("windowId").asLong();
        return save("drift-window-" + windowId + ".html", platform.driftReport(PORTFOLIO, windowId));
    }

    /** Writes a report under {@code <data-dir>/reports/} and answers its path. */
    private String save(String name, byte[] html) {
        Path file = settings.dataDirectory().toAbsolutePath().resolve("reports").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the report " + file, e);
        }
        return file.toString();
    }

    private int awaitRetrain(int challengerBefore) {
        out.println("  waiting for the DRIFT command to be trained and registered...");
        // The retrain's selected model becomes the challenger once the whole run is registered.
        JsonNode models = await(
                Duration.ofMinutes(3),
                () -> platform.models(PORTFOLIO),
                list -> aliasVersion(list, "challenger") > challengerBefore,
                "a retrained challenger newer than version " + challengerBefore);
        int challenger = aliasVersion(models, "challenger");
        out.println("  retrained: version " + challenger + " is the new challenger");
        return challenger;
    }

    private int awaitServedVersion(int version) {
        return await(
                Duration.ofMinutes(1),
                () -> platform.servedVersion(PORTFOLIO),
                served -> served == version,
                "scoring-api to serve version " + version);
    }

    private static int aliasVersion(JsonNode models, String alias) {
        for (JsonNode model : models) {
            for (JsonNode a : model.path("aliases")) {
                if (a.asString().equals(alias)) {
                    return model.path("version").asInt();
                }
            }
        }
        return 0;
    }

    private static List<Map<String, Object>> drift(List<Map<String, Object>> rows) {
        List<Map<String, Object>> shifted = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            @SuppressWarnings("unchecked")
            Map<String, Object> features = new LinkedHashMap<>((Map<String, Object>) row.get("features"));
            features.put(
                    "LIMIT_BAL", Math.round(((Number) features.get("LIMIT_BAL")).doubleValue() * LIMIT_BAL_FACTOR));
            features.put("PAY_0", Math.min(8, ((Number) features.get("PAY_0")).intValue() + PAY_0_SHIFT));
            copy.put("applicationId", "drift-" + row.get("applicationId"));
            copy.put("features", features);
            shifted.add(copy);
        }
        return shifted;
    }

    /** The bundled Taiwan rows as scoring requests: numbers for numeric features, labels for categorical ones. */
    /** The bundled file's header and first rows, as a CSV body (a line per row: the file has numbers only). */
    private static byte[] firstRowsOfTaiwan(int rows) {
        try (var reader =
                new BufferedReader(new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8))) {
            StringBuilder csv = new StringBuilder();
            reader.lines().limit(rows + 1L).forEach(line -> csv.append(line).append('\n'));
            return csv.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> readTaiwanRows() {
        PortfolioSchema schema = BundledPortfolios.taiwanCards();
        List<Map<String, Object>> rows = new ArrayList<>(SampleData.TAIWAN_CARDS.rows());
        try (var reader = new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8);
                var records = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (CSVRecord record : records) {
                Map<String, Object> features = new LinkedHashMap<>();
                for (FeatureSpec feature : schema.features()) {
                    String value = record.get(feature.name()).trim();
                    features.put(feature.name(), feature.isNumeric() ? (Object) Double.parseDouble(value) : value);
                }
                rows.add(Map.of("applicationId", "demo-" + record.get(schema.idColumn()), "features", features));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private <T> T await(Duration timeout, Supplier<T> poll, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = poll.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted while waiting for " + what);
            }
        }
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title);
    }
}
