package io.creditscoring.training;

import io.creditscoring.metrics.DeLongComparison;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.selection.OneStandardErrorRule;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import io.creditscoring.training.trainer.ModelTrainer;
import io.creditscoring.training.trainer.PreparedData;
import io.creditscoring.training.trainer.Trainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The model quality of a run on a bundled data set with the production defaults (or the given overrides), without the
 * database: the same code a run executes from the folds to the test metrics ({@link AlgorithmTraining}, the
 * one-standard-error rule). With a peer split file ({@code quality.py}'s {@code /tmp/peers/DATASET_split.json}) it
 * trains and tests on exactly the rows the Python peers used, so that both are measured on the same test rows.
 *
 * <pre>
 * java -cp ... io.creditscoring.training.TrainingQualityBenchmark taiwan [/tmp/peers/taiwan_split.json] [name=value ...]
 * </pre>
 *
 * <p>{@code only=XGBOOST[,...]} trains those algorithms alone; {@code schema=FILE} reads the portfolio schema from a
 * YAML file instead of the bundled one (to try another feature contract on the same rows); {@code data=FILE} reads
 * the rows from a CSV file laid out as that schema says, in the bundled file's row order (a peer split's positions
 * refer to it), for example the bundled rows with columns derived from them.
 */
public final class TrainingQualityBenchmark {

    private TrainingQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        String dataset = args[0];
        Path peerSplit = args.length > 1 && !args[1].contains("=") ? Path.of(args[1]) : null;
        Map<String, Object> overrides = new LinkedHashMap<>();
        // only=XGBOOST[,...]: those algorithms alone, for exploring one algorithm's settings (no selection then)
        Set<Algorithm> only = EnumSet.allOf(Algorithm.class);
        Path schemaFile = null;
        Path dataFile = null;
        for (int i = peerSplit == null ? 1 : 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("only")) {
                only = EnumSet.noneOf(Algorithm.class);
                for (String a : kv[1].split(",")) {
                    only.add(Algorithm.valueOf(a));
                }
            } else if (kv[0].equals("schema")) {
                schemaFile = Path.of(kv[1]);
            } else if (kv[0].equals("data")) {
                dataFile = Path.of(kv[1]);
            } else {
                overrides.put(kv[0], kv[1]);
            }
        }
        PortfolioSchema schema = schemaFile != null
                ? PortfolioSchemaReader.read(Files.readString(schemaFile))
                : dataset.equals("taiwan") ? BundledPortfolios.taiwanCards() : BundledPortfolios.germanLoans();
        SampleData data = dataset.equals("taiwan") ? SampleData.TAIWAN_CARDS : SampleData.GERMAN_LOANS;
        List<LabelledRow> rows =
                LabelledDataFixture.parse(dataFile != null ? Files.newInputStream(dataFile) : data.open(), schema)
                        .stream()
                        .map(r -> new LabelledRow(r.applicationId(), null, r.features(), r.defaulted()))
                        .toList();
        RunSettings settings = TestSettings.run(overrides);

        long started = System.nanoTime();
        DataSplit split = peerSplit == null
                ? DatasetSplitter.split(rows, settings.split(), settings.seed())
                : peerSplit(rows, peerSplit);
        PreparedData prepared = new PreparedData(
                schema,
                PreprocessingFitter.fit(schema, split.train(), settings.preprocessing()),
                settings,
                split.train(),
                List.of(),
                split.test());
        CrossValidationFolds folds = CrossValidationFolds.prepare(schema, split.train(), settings);
        System.out.printf(
                Locale.ROOT,
                "%s: %d training rows, %d test rows (%s), %d folds, %d trials per algorithm, overrides %s%n",
                dataset,
                split.train().size(),
                split.test().size(),
                peerSplit == null ? split.kind() + " split, seed " + settings.seed() : "the peers' split " + peerSplit,
                folds.size(),
                settings.search().trials(),
                overrides);

        List<AlgorithmTraining.Outcome> outcomes = new ArrayList<>();
        for (ModelTrainer trainer : Trainers.all()) {
            if (!only.contains(trainer.algorithm())) {
                continue;
            }
            AlgorithmTraining.Outcome o =
                    AlgorithmTraining.train(trainer, folds, prepared, settings, overrides.keySet());
            outcomes.add(o);
            System.out.printf(
                    Locale.ROOT,
                    "  %-19s trials %d (best %d %s)%s%n",
                    o.algorithm(),
                    o.search().trials().size(),
                    o.best().number(),
                    o.best().values(),
                    o.search().stoppedBy() == null ? "" : " [" + o.search().stoppedBy() + "]");
            System.out.printf(
                    Locale.ROOT,
                    "  %-19s CV AUC %.4f ± %.4f  test AUC %.4f  KS %.4f  Brier %.4f  ECE %.4f -> %.4f"
                            + "  search %.0f s, refit %.1f s%n",
                    "",
                    o.best().score().meanAuc(),
                    o.best().score().standardError(),
                    o.metrics().auc(),
                    o.metrics().ks(),
                    o.metrics().brier(),
                    o.eceUncalibrated(),
                    o.ece(),
                    o.searchMs() / 1000,
                    o.refitMs() / 1000);
        }
        if (outcomes.size() < Trainers.all().size()) {
            System.out.printf(Locale.ROOT, "  total %.0f s%n", (System.nanoTime() - started) / 1e9);
            System.exit(0);
        }
        var selection = OneStandardErrorRule.select(
                        outcomes.stream()
                                .map(o -> new OneStandardErrorRule.Candidate(
                                        o.algorithm(),
                                        o.best().score().meanAuc(),
                                        o.best().score().standardError()))
                                .toList(),
                        settings.crossValidation().standardErrors())
                .orElseThrow();
        AlgorithmTraining.Outcome champion = outcomes.stream()
                .filter(o -> o.algorithm() == selection.selected())
                .findFirst()
                .orElseThrow();
        AlgorithmTraining.Outcome bestOnTest = outcomes.stream()
                .max((a, b) -> Double.compare(a.metrics().auc(), b.metrics().auc()))
                .orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "  selected %s (best mean fold AUC %s, least selectable %.4f): test AUC %.4f, ECE %.4f;"
                        + " best test AUC of the three %.4f (%s), gap %.4f, the selected model's CV standard error"
                        + " %.4f; total %.0f s%n",
                selection.selected(),
                selection.best(),
                selection.threshold(),
                champion.metrics().auc(),
                champion.ece(),
                bestOnTest.metrics().auc(),
                bestOnTest.algorithm(),
                bestOnTest.metrics().auc() - champion.metrics().auc(),
                champion.best().score().standardError(),
                (System.nanoTime() - started) / 1e9);
        if (peerSplit != null) {
            comparePeers(peerSplit, rows, split, champion);
        }
        System.exit(0);
    }

    /**
     * DeLong's test of the champion against each peer on the same test rows, from the peers' test predictions that
     * {@code quality.py} writes beside the split file ({@code DATASET_test_predictions.csv}: row, label, p_MODEL...).
     */
    private static void comparePeers(
            Path splitFile, List<LabelledRow> all, DataSplit split, AlgorithmTraining.Outcome champion)
            throws Exception {
        Path file = splitFile.resolveSibling(
                splitFile.getFileName().toString().replace("_split.json", "_test_predictions.csv"));
        if (!Files.exists(file)) {
            System.out.println("  no peer predictions at " + file + ": no DeLong comparison");
            return;
        }
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.getFirst().split(",");
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < split.test().size(); i++) {
            position.put(split.test().get(i).applicationId(), i);
        }
        double[] championProbabilities = champion.calibration().test();
        int n = lines.size() - 1;
        double[] ours = new double[n];
        boolean[] defaulted = new boolean[n];
        double[][] peers = new double[header.length - 2][n];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",");
            LabelledRow row = all.get(Integer.parseInt(cells[0]));
            Integer at = position.get(row.applicationId());
            if (at == null || (Integer.parseInt(cells[1]) == 1) != row.defaulted()) {
                throw new IllegalStateException("peer prediction row " + cells[0] + " is not a test row of the split");
            }
            ours[r] = championProbabilities[at];
            defaulted[r] = row.defaulted();
            for (int k = 0; k < peers.length; k++) {
                peers[k][r] = Double.parseDouble(cells[k + 2]);
            }
        }
        for (int k = 0; k < peers.length; k++) {
            DeLongComparison d = DeLongComparison.of(peers[k], ours, defaulted);
            System.out.printf(
                    Locale.ROOT,
                    "  champion %.4f - peer %s %.4f = %+.4f, DeLong SE %.4f, 95%% CI [%+.4f, %+.4f], p %.3f%n",
                    d.aucB(),
                    header[k + 2].substring(2),
                    d.aucA(),
                    d.difference(),
                    d.standardError(),
                    d.difference() - 1.96 * d.standardError(),
                    d.difference() + 1.96 * d.standardError(),
                    d.pValue());
        }
    }

    /** The peers' rows: positions among the data file's rows, 0-based. */
    private static DataSplit peerSplit(List<LabelledRow> rows, Path file) throws Exception {
        JsonNode split = CreditJson.json().readTree(Files.readString(file));
        List<LabelledRow> train = new ArrayList<>();
        List<LabelledRow> test = new ArrayList<>();
        split.get("train_indices").forEach(i -> train.add(rows.get(i.asInt())));
        split.get("test_indices").forEach(i -> test.add(rows.get(i.asInt())));
        if (train.size() + test.size() != rows.size() || Set.copyOf(train).size() != train.size()) {
            throw new IllegalStateException("the split " + file + " does not partition the " + rows.size() + " rows");
        }
        return new DataSplit(train, test, "PEER", "the peers' split");
    }
}
