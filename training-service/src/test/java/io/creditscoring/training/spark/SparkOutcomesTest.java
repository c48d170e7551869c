package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.preprocess.InformationValueCalculator;
import io.creditscoring.training.preprocess.InformationValueCalculator.BinCount;
import io.creditscoring.training.preprocess.InformationValueCalculator.BinnedFeature;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's check of a Spark job's split and folds: it holds no rows of its own for a Spark run, only the job's
 * labels, parts and folds in the job's row order, and applies the local engine's rules to those labels. And its reading
 * of the job's search: every trial scored from its out-of-fold probabilities, the best by the local engine's rule,
 * which must be the trial the job refitted.
 */
class SparkOutcomesTest {

    private static final RunSettings TWO_TRIALS =
            TestSettings.run(Map.of("crossValidation.folds", 3, "search.trials", 2));

    @TempDir
    Path directory;

    private static final RunSettings SETTINGS = TestSettings.run(Map.of("crossValidation.folds", 3));

    /** The stratified split as the job describes it. */
    private static final SparkJobOutputs.Split STRATIFIED =
            new SparkJobOutputs.Split("STRATIFIED", "stratified by outcome, seed " + SETTINGS.seed(), null, null);

    private static final RunSettings OUT_OF_TIME =
            TestSettings.run(Map.of("crossValidation.folds", 3, "split.outOfTime", true));

    /** A job's rows split and folded by the local engine's rules. */
    private static SparkJobOutputs.Rows rows(int n) {
        Random random = new Random(7);
        boolean[] defaulted = new boolean[n];
        byte[] labels = new byte[n];
        int defaults = 0;
        for (int i = 0; i < n; i++) {
            defaulted[i] = random.nextInt(5) == 0;
            labels[i] = (byte) (defaulted[i] ? 1 : 0);
            defaults += labels[i];
        }
        boolean[] test =
                DatasetSplitter.stratifiedTestRows(defaulted, SETTINGS.split().testShare(), SETTINGS.seed());
        byte[] parts = new byte[n];
        int training = 0;
        for (int i = 0; i < n; i++) {
            parts[i] = test[i] ? SparkJobOutputs.Rows.TEST : SparkJobOutputs.Rows.TRAIN;
            training += test[i] ? 0 : 1;
        }
        int[] trainingLabels = new int[training];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (!test[i]) {
                trainingLabels[t++] = labels[i];
            }
        }
        int[] trainingFolds = StratifiedFolds.assign(trainingLabels, 3, SETTINGS.seed());
        int[] folds = new int[n];
        t = 0;
        for (int i = 0; i < n; i++) {
            folds[i] = test[i] ? -1 : trainingFolds[t++];
        }
        return new SparkJobOutputs.Rows("hash", null, defaults, labels, parts, folds);
    }

    @Test
    void theLocalRulesSplitOfTheJobsLabelsIsAccepted() {
        SparkJobOutputs.Rows rows = rows(500);

        assertThatCode(() -> SparkOutcomes.requireLocalSplit(rows, STRATIFIED, SETTINGS))
                .doesNotThrowAnyException();
        assertThat(rows.count(SparkJobOutputs.Rows.TEST)).isEqualTo(100);
        assertThat(rows.trainingFolds()).hasSize(400).doesNotContain(-1);
    }

    @Test
    void aJobThatSplitOtherwiseFailsTheRun() {
        SparkJobOutputs.Rows rows = rows(500);
        int first = 0;
        while (rows.parts()[first] != SparkJobOutputs.Rows.TEST) {
            first++;
        }
        rows.parts()[first] = SparkJobOutputs.Rows.TRAIN;

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, STRATIFIED, SETTINGS))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("split differs from the local engine's at row " + (first + 1));
    }

    @Test
    void aJobThatFoldedOtherwiseFailsTheRun() {
        SparkJobOutputs.Rows rows = rows(500);
        int first = 0;
        while (rows.parts()[first] != SparkJobOutputs.Rows.TRAIN) {
            first++;
        }
        rows.folds()[first] = (rows.folds()[first] + 1) % 3;

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, STRATIFIED, SETTINGS))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("folds differ");
    }

    @Test
    void theStratifiedSplitMustBeDescribedInTheLocalEnginesWords() {
        SparkJobOutputs.Rows rows = rows(500);
        SparkJobOutputs.Split otherSeed =
                new SparkJobOutputs.Split("STRATIFIED", "stratified by outcome, seed 1", null, null);

        assertThat(SparkOutcomes.requireLocalSplit(rows, STRATIFIED, SETTINGS))
                .isEqualTo(new SparkOutcomes.CheckedSplit("STRATIFIED", "stratified by outcome, seed 42"));
        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, otherSeed, SETTINGS))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining(
                        "the local engine's rule gives a STRATIFIED split ('stratified by outcome," + " seed 42')");
    }

    /**
     * 400 rows as the local engine reads them (in id order), submitted over 400 days, every third on the same day as
     * the one before it; {@code untimed}: rows without a submission time.
     */
    private static List<LabelledRow> timedRows(Set<Integer> untimed) {
        Random random = new Random(3);
        Instant start = Instant.parse("2024-03-01T09:30:00.000001Z");
        List<LabelledRow> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant t = start.plus(random.nextInt(400), ChronoUnit.DAYS);
            if (i % 3 == 2) {
                t = rows.get(i - 1).submittedAt();
            }
            rows.add(new LabelledRow(
                    String.format("app-%04d", i), untimed.contains(i) ? null : t, Map.of(), random.nextInt(4) == 0));
        }
        return rows;
    }

    /**
     * What a job that follows the local rule writes for these rows: the local engine's split's rows in its order
     * (training rows, then test rows), their labels, parts and folds, and their submission times in that order.
     */
    private SparkJobOutputs.Rows jobRows(DataSplit split, RunSettings settings) throws IOException {
        List<LabelledRow> ordered = new ArrayList<>(split.train());
        ordered.addAll(split.test());
        if (split.kind().equals("STRATIFIED")) {
            // the stratified split keeps the rows as read; the local engine's lists are its two parts
            ordered.sort(java.util.Comparator.comparing(LabelledRow::applicationId));
        }
        Set<LabelledRow> test = new java.util.HashSet<>(split.test());
        int n = ordered.size();
        byte[] labels = new byte[n];
        byte[] parts = new byte[n];
        int defaults = 0;
        List<Integer> trainingLabels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (ordered.get(i).defaulted() ? 1 : 0);
            defaults += labels[i];
            parts[i] = test.contains(ordered.get(i)) ? SparkJobOutputs.Rows.TEST : SparkJobOutputs.Rows.TRAIN;
            if (parts[i] == SparkJobOutputs.Rows.TRAIN) {
                trainingLabels.add((int) labels[i]);
            }
        }
        int[] trainingFolds = StratifiedFolds.assign(
                trainingLabels.stream().mapToInt(Integer::intValue).toArray(),
                settings.crossValidation().folds(),
                settings.seed());
        int[] folds = new int[n];
        int t = 0;
        for (int i = 0; i < n; i++) {
            folds[i] = parts[i] == SparkJobOutputs.Rows.TEST ? -1 : trainingFolds[t++];
        }
        try (DataOutputStream out =
                new DataOutputStream(Files.newOutputStream(directory.resolve("submitted-at.bin")))) {
            out.writeInt(n);
            for (LabelledRow row : ordered) {
                out.writeLong(row.submittedAt() == null ? 0 : row.submittedAt().getEpochSecond());
                out.writeInt(row.submittedAt() == null ? -1 : row.submittedAt().getNano());
            }
        }
        return new SparkJobOutputs.Rows("hash", null, defaults, labels, parts, folds);
    }

    private SparkJobOutputs.Split described(String kind, String note, String untimedId) {
        return new SparkJobOutputs.Split(kind, note, untimedId, directory.resolve("submitted-at.bin"));
    }

    @Test
    void anOutOfTimeSplitIsCheckedOnTheJobsSubmissionTimesAgainstTheLocalEnginesSplit() throws IOException {
        DataSplit local = DatasetSplitter.split(timedRows(Set.of()), OUT_OF_TIME.split(), OUT_OF_TIME.seed());
        assertThat(local.kind()).isEqualTo("OUT_OF_TIME");
        SparkJobOutputs.Rows rows = jobRows(local, OUT_OF_TIME);

        SparkOutcomes.CheckedSplit checked =
                SparkOutcomes.requireLocalSplit(rows, described("OUT_OF_TIME", local.note(), null), OUT_OF_TIME);

        assertThat(checked).isEqualTo(new SparkOutcomes.CheckedSplit("OUT_OF_TIME", local.note()));
        assertThat(rows.count(SparkJobOutputs.Rows.TEST)).isEqualTo(local.test().size());
    }

    @Test
    void aJobThatTestedOtherRowsThanTheNewestFailsTheRun() throws IOException {
        DataSplit local = DatasetSplitter.split(timedRows(Set.of()), OUT_OF_TIME.split(), OUT_OF_TIME.seed());
        SparkJobOutputs.Rows rows = jobRows(local, OUT_OF_TIME);
        int lastTraining = local.train().size() - 1;
        rows.parts()[lastTraining] = SparkJobOutputs.Rows.TEST;

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(
                        rows, described("OUT_OF_TIME", local.note(), null), OUT_OF_TIME))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("out-of-time split differs from the local engine's at row " + (lastTraining + 1));
    }

    @Test
    void aJobWhoseRowsAreNotInOrderOfTimeFailsTheRun() throws IOException {
        DataSplit local = DatasetSplitter.split(timedRows(Set.of()), OUT_OF_TIME.split(), OUT_OF_TIME.seed());
        List<LabelledRow> train = new ArrayList<>(local.train());
        // the newest training row first: the parts are still the counts', the order is not the time's
        train.addFirst(train.removeLast());
        DataSplit swapped = new DataSplit(train, local.test(), local.kind(), local.note());
        SparkJobOutputs.Rows rows = jobRows(swapped, OUT_OF_TIME);

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(
                        rows, described("OUT_OF_TIME", local.note(), null), OUT_OF_TIME))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("not in order of submission time at row 2");
    }

    @Test
    void aRowWithoutASubmissionTimeMakesTheStratifiedFallbackWithTheLocalNote() throws IOException {
        DataSplit local = DatasetSplitter.split(timedRows(Set.of(57, 300)), OUT_OF_TIME.split(), OUT_OF_TIME.seed());
        assertThat(local.kind()).isEqualTo("STRATIFIED");
        SparkJobOutputs.Rows rows = jobRows(local, OUT_OF_TIME);

        assertThat(SparkOutcomes.requireLocalSplit(
                        rows, described("STRATIFIED", local.note(), "app-0057"), OUT_OF_TIME))
                .isEqualTo(new SparkOutcomes.CheckedSplit("STRATIFIED", local.note()));
        // the job must name the application the local engine's note names: the first row as read without a time
        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(
                        rows, described("STRATIFIED", local.note(), "app-0300"), OUT_OF_TIME))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("(application app-0300 has no submission time)");
    }

    @Test
    void aJobThatFellBackWhenTheOutOfTimeSplitWasPossibleFailsTheRun() throws IOException {
        List<LabelledRow> timed = timedRows(Set.of());
        DataSplit stratified = DatasetSplitter.split(
                timed, TestSettings.run(Map.of("crossValidation.folds", 3)).split(), OUT_OF_TIME.seed());
        SparkJobOutputs.Rows rows = jobRows(stratified, OUT_OF_TIME);
        String fallback = "out-of-time split asked for but not possible (submission times span 0 days, fewer than 60);"
                + " stratified split used instead";

        assertThatThrownBy(() ->
                        SparkOutcomes.requireLocalSplit(rows, described("STRATIFIED", fallback, null), OUT_OF_TIME))
                .isInstanceOf(SparkJobFailedException.class);
    }

    @Test
    void anOutOfTimeRunWhoseJobWroteNoSubmissionTimesFailsTheRun() {
        SparkJobOutputs.Rows rows = rows(500);

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, STRATIFIED, OUT_OF_TIME))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("wrote no submission times");
    }

    /** Each training row's probability: random, or (informative) leaning towards its label. */
    private static double[] outOfFold(SparkJobOutputs.Rows rows, boolean informative, long seed) {
        int[] labels = rows.labels(SparkJobOutputs.Rows.TRAIN);
        Random random = new Random(seed);
        double[] p = new double[labels.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = informative ? 0.4 * labels[i] + 0.6 * random.nextDouble() : random.nextDouble();
        }
        return p;
    }

    /** A trial as the job writes it: its out-of-fold probabilities in a file (a count, then big-endian doubles). */
    private SparkJobOutputs.Trial trial(int number, double[] outOfFold) throws IOException {
        Path file = directory.resolve("LOGISTIC_REGRESSION.trial-" + number + ".out-of-fold.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(outOfFold.length);
            for (double p : outOfFold) {
                out.writeDouble(p);
            }
        }
        return new SparkJobOutputs.Trial(number, new int[3], 1.5 * number, file);
    }

    private static SparkJobOutputs.Model model(
            SparkJobOutputs.Rows rows, List<SparkJobOutputs.Trial> trials, int refitted, boolean stopped) {
        double[] test = new double[rows.count(SparkJobOutputs.Rows.TEST)];
        Random random = new Random(3);
        for (int i = 0; i < test.length; i++) {
            test[i] = random.nextDouble();
        }
        return new SparkJobOutputs.Model(
                Algorithm.LOGISTIC_REGRESSION,
                new ModelPipeline("p", Algorithm.LOGISTIC_REGRESSION, null, null, Map.of()),
                test,
                trials,
                refitted,
                stopped,
                Map.of("engine", "spark", "refit.trial", Integer.toString(refitted)));
    }

    private static List<SparkSearch.PlannedTrial> planned() {
        return SparkSearch.plan(List.of(Algorithm.LOGISTIC_REGRESSION), TWO_TRIALS, Set.of())
                .of(Algorithm.LOGISTIC_REGRESSION);
    }

    @Test
    void everyTrialOfTheJobsSearchIsScoredAndTheBestIsTheOneItRefitted() throws IOException {
        SparkJobOutputs.Rows rows = rows(500);
        double[] better = outOfFold(rows, true, 11);
        List<SparkJobOutputs.Trial> trials = List.of(trial(1, outOfFold(rows, false, 10)), trial(2, better));

        AlgorithmTraining.Outcome outcome = SparkOutcomes.outcome(
                model(rows, trials, 2, false), rows, planned(), TWO_TRIALS, Duration.ofSeconds(120));

        HyperparameterSearch.Result search = outcome.search();
        assertThat(search.trials())
                .extracting(HyperparameterSearch.Trial::number)
                .containsExactly(1, 2);
        // the trials' own values are the ones the service planned with the local sampler
        assertThat(search.trials().get(1).values())
                .isEqualTo(HyperparameterSearch.plan(Algorithm.LOGISTIC_REGRESSION, TWO_TRIALS, Set.of())
                        .get(1))
                .containsOnlyKeys("logisticRegression.lambda");
        assertThat(search.trials().get(0).values()).isEmpty();
        // fold AUCs from each trial's own probabilities, on the job's folds
        int[] labels = rows.labels(SparkJobOutputs.Rows.TRAIN);
        int[] folds = rows.trainingFolds();
        double[] fold0 = java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> folds[i] == 0)
                .mapToDouble(i -> better[i])
                .toArray();
        int[] fold0Labels = java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> folds[i] == 0)
                .map(i -> labels[i])
                .toArray();
        assertThat(search.trials().get(1).score().foldAucs()).hasSize(3);
        assertThat(search.trials().get(1).score().foldAucs()[0]).isEqualTo(Metrics.auc(fold0Labels, fold0));
        assertThat(search.trials().get(1).score().meanAuc())
                .isGreaterThan(search.trials().get(0).score().meanAuc());
        // the best is the trial object the run records as best (saveTrials compares by identity)
        assertThat(search.best()).isSameAs(search.trials().get(1));
        assertThat(search.best().score().outOfFold()).containsExactly(better);
        assertThat(search.best().seconds()).isEqualTo(3.0);
        assertThat(search.stoppedBy()).isNull();
        assertThat(outcome.details())
                .containsEntry("cv.trial", "2")
                .containsEntry("cv.trials", "2")
                .doesNotContainKey("cv.search");
    }

    @Test
    void aJobThatRefittedAnotherTrialThanTheLocalRulePicksFailsTheRun() throws IOException {
        SparkJobOutputs.Rows rows = rows(500);
        List<SparkJobOutputs.Trial> trials =
                List.of(trial(1, outOfFold(rows, false, 10)), trial(2, outOfFold(rows, true, 11)));

        assertThatThrownBy(() -> SparkOutcomes.outcome(
                        model(rows, trials, 1, false), rows, planned(), TWO_TRIALS, Duration.ofSeconds(120)))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("refitted LOGISTIC_REGRESSION trial 1, the local engine's rule picks trial 2");
    }

    @Test
    void aSearchTheJobStoppedForItsTimeBudgetSaysSo() throws IOException {
        SparkJobOutputs.Rows rows = rows(500);

        AlgorithmTraining.Outcome outcome = SparkOutcomes.outcome(
                model(rows, List.of(trial(1, outOfFold(rows, false, 10))), 1, true),
                rows,
                planned(),
                TWO_TRIALS,
                Duration.ofSeconds(120));

        assertThat(outcome.search().trials()).hasSize(1);
        assertThat(outcome.search().stoppedBy()).isEqualTo("time budget of 120 s spent after 1 of 2 trials");
        assertThat(outcome.details())
                .containsEntry("cv.searchStoppedBy", outcome.search().stoppedBy());
    }

    /**
     * The job's counts by information-value bin become the report's table in the schema's order of model inputs (a
     * feature it counted that is no model input is not in it); a model input it did not count, or counted with other
     * rows than the training split's, fails the run.
     */
    @Test
    void theJobsInformationValueCountsMustCountEveryTrainingRowOfEveryModelInput() {
        PortfolioSchema schema = new PortfolioSchema(
                "p",
                null,
                null,
                new TargetSpec("y", "1"),
                null,
                List.of(
                        FeatureSpec.numeric("income", null, null, null),
                        FeatureSpec.categorical("region", List.of("north", "south"), null)));
        // three training rows (one default) and a test row
        SparkJobOutputs.Rows rows = new SparkJobOutputs.Rows(
                "sha",
                null,
                2,
                new byte[] {1, 0, 0, 1},
                new byte[] {
                    SparkJobOutputs.Rows.TRAIN,
                    SparkJobOutputs.Rows.TRAIN,
                    SparkJobOutputs.Rows.TRAIN,
                    SparkJobOutputs.Rows.TEST
                },
                new int[] {0, 1, 2, -1});
        var income = new BinnedFeature(
                "income", List.of(BinCount.upTo(10, 1, 1), BinCount.upTo(20, 1, 0), BinCount.named("missing", 0, 0)));
        var region = new BinnedFeature(
                "region",
                List.of(
                        BinCount.named("north", 2, 0),
                        BinCount.named("south", 0, 1),
                        BinCount.named("missing", 0, 0),
                        BinCount.named("unknown", 0, 0)));
        var age = new BinnedFeature("age", List.of(BinCount.named("missing", 2, 1)));

        assertThat(SparkOutcomes.informationValues(schema, List.of(age, region, income), rows))
                .isEqualTo(InformationValueCalculator.table(List.of(income, region), 2, 1));
        assertThatThrownBy(() -> SparkOutcomes.informationValues(schema, List.of(income), rows))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessage("the Spark job counted no information-value bins of feature 'region'");
        var testRowsToo =
                new BinnedFeature("region", List.of(BinCount.named("north", 2, 0), BinCount.named("south", 0, 2)));
        assertThatThrownBy(() -> SparkOutcomes.informationValues(schema, List.of(income, testRowsToo), rows))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessage("the Spark job's information-value bins of feature 'region' count 4 rows and 2 defaults,"
                        + " the training split has 3 and 1");
    }
}
