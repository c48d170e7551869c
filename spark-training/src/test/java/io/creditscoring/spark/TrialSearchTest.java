package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's search without Spark: the trials come from the service's search file as settings (the job draws none),
 * each is cross-validated in order, the best mean fold AUC is refitted (the earlier trial on a tie), and the time
 * budget stops the search before a trial, never before the first. The cross-validation here is a stand-in that returns
 * out-of-fold probabilities chosen per trial, so that which trial is best is known by construction.
 */
class TrialSearchTest {

    /** Two folds of four training rows each, two defaults in each. */
    private static final int[] LABELS = {1, 0, 1, 0, 1, 0, 1, 0};

    private static final int[] FOLDS = {0, 0, 0, 0, 1, 1, 1, 1};

    /** Ranks every default above every non-default: AUC 1 in both folds. */
    private static final double[] PERFECT = {0.9, 0.1, 0.8, 0.2, 0.9, 0.1, 0.8, 0.2};

    /** Half the pairs right in each fold: AUC 0.75 in both. */
    private static final double[] GOOD = {0.9, 0.5, 0.4, 0.1, 0.9, 0.5, 0.4, 0.1};

    @TempDir
    Path directory;

    private JobArguments arguments(String searchJson) throws IOException {
        Path search = Files.writeString(directory.resolve("search.json"), searchJson);
        return JobArguments.parse(
                new String[] {
                    "--portfolio", "p",
                    "--run-id", "r",
                    "--schema", "schema.json",
                    "--output", "out",
                    "--jdbc-url", "jdbc:postgresql://localhost/x",
                    "--logistic-regression-lambda", "0.1",
                    "--logistic-regression-tolerance", "1e-4",
                    "--xgboost-workers", "3",
                    "--search", search.toString()
                },
                Map.of());
    }

    /** Three logistic regression trials (lambda 0.1, 0.5, 2.0) and two XGBoost ones, a budget of 5 s. */
    private JobArguments threeTrials() throws IOException {
        return arguments("""
                {"timeBudgetMs": 5000, "trials": {
                  "LOGISTIC_REGRESSION": [
                    {"trial": 1, "arguments": {"logistic-regression-lambda": "0.1"}},
                    {"trial": 2, "arguments": {"logistic-regression-lambda": "0.5"}},
                    {"trial": 3, "arguments": {"logistic-regression-lambda": "2.0"}}],
                  "XGBOOST": [
                    {"trial": 1, "arguments": {"xgboost-eta": "0.05", "xgboost-max-depth": "6"}},
                    {"trial": 2, "arguments": {"xgboost-eta": "0.123", "xgboost-max-depth": "3"}}]}}
                """);
    }

    /** A cross-validation that answers each trial (told apart by its lambda) with its own probabilities. */
    private static TrialSearch.CrossValidation answering(Map<Double, double[]> byLambda, List<Double> asked) {
        return settings -> {
            asked.add(settings.logisticRegressionLambda());
            return new TrialSearch.Folds(byLambda.get(settings.logisticRegressionLambda()), new int[] {3, 5});
        };
    }

    private static LongSupplier clockAdvancing(long nanosPerReading) {
        long[] now = {0};
        return () -> now[0] += nanosPerReading;
    }

    @Test
    void theServicesTrialsReachTheJobAsSettingsOverTheCommandLines() throws IOException {
        JobArguments job = threeTrials();

        List<JobArguments.Trial> lr = job.search().of(SparkTrainingJob.LOGISTIC_REGRESSION, job.settings());
        assertThat(lr).extracting(JobArguments.Trial::number).containsExactly(1, 2, 3);
        assertThat(lr).extracting(t -> t.settings().logisticRegressionLambda()).containsExactly(0.1, 0.5, 2.0);
        // what the trial does not name stays the command line's
        assertThat(lr)
                .allSatisfy(t ->
                        assertThat(t.settings().logisticRegressionTolerance()).isEqualTo(1e-4));
        List<JobArguments.Trial> xgboost = job.search().of(SparkTrainingJob.XGBOOST, job.settings());
        assertThat(xgboost.get(1).settings().xgboost().eta()).isEqualTo(0.123);
        assertThat(xgboost.get(1).settings().xgboost().maxDepth()).isEqualTo(3);
        assertThat(xgboost.get(1).settings().xgboost().workers()).isEqualTo(3);
        assertThat(job.search().timeBudgetMs()).isEqualTo(5000);
        // an algorithm the file plans nothing for: its one trial is the command line's settings
        assertThat(job.search().of(SparkTrainingJob.NEURAL_NETWORK, job.settings()))
                .extracting(JobArguments.Trial::settings)
                .containsExactly(job.settings());
    }

    @Test
    void everyTrialIsCrossValidatedInOrderAndTheBestMeanFoldAucIsRefitted() throws IOException {
        JobArguments job = threeTrials();
        List<Double> asked = new ArrayList<>();
        Map<Integer, double[]> written = new LinkedHashMap<>();

        TrialSearch.Result result = TrialSearch.run(
                SparkTrainingJob.LOGISTIC_REGRESSION,
                job.search().of(SparkTrainingJob.LOGISTIC_REGRESSION, job.settings()),
                job.search().timeBudgetMs(),
                LABELS,
                FOLDS,
                2,
                answering(Map.of(0.1, GOOD, 0.5, PERFECT, 2.0, GOOD), asked),
                written::put,
                clockAdvancing(1_000_000));

        assertThat(asked).containsExactly(0.1, 0.5, 2.0);
        assertThat(result.trials()).extracting(TrialSearch.Scored::meanAuc).containsExactly(0.75, 1.0, 0.75);
        assertThat(result.best().number()).isEqualTo(2);
        assertThat(result.best().settings().logisticRegressionLambda()).isEqualTo(0.5);
        assertThat(result.bestOutOfFold()).isSameAs(PERFECT);
        assertThat(result.stoppedByBudget()).isFalse();
        assertThat(written).containsOnlyKeys(1, 2, 3);
        assertThat(written.get(2)).isSameAs(PERFECT);
        // the refit's rounds or epochs: the folds' mean (3 and 5)
        assertThat(result.best().iterations()).isEqualTo(4);
    }

    @Test
    void theEarlierTrialWinsATie() throws IOException {
        JobArguments job = threeTrials();

        TrialSearch.Result result = TrialSearch.run(
                SparkTrainingJob.LOGISTIC_REGRESSION,
                job.search().of(SparkTrainingJob.LOGISTIC_REGRESSION, job.settings()),
                job.search().timeBudgetMs(),
                LABELS,
                FOLDS,
                2,
                answering(Map.of(0.1, GOOD, 0.5, GOOD.clone(), 2.0, GOOD.clone()), new ArrayList<>()),
                (number, outOfFold) -> {},
                clockAdvancing(1_000_000));

        assertThat(result.trials()).extracting(TrialSearch.Scored::meanAuc).containsOnly(0.75);
        assertThat(result.best().number()).isEqualTo(1);
    }

    @Test
    void theTimeBudgetStopsTheSearchBeforeATrialButNeverBeforeTheFirst() throws IOException {
        JobArguments job = threeTrials();
        List<Double> asked = new ArrayList<>();

        // every reading of the clock 4 s later: trial 1 ends 8 s after the search started, past the 5 s budget
        TrialSearch.Result result = TrialSearch.run(
                SparkTrainingJob.LOGISTIC_REGRESSION,
                job.search().of(SparkTrainingJob.LOGISTIC_REGRESSION, job.settings()),
                job.search().timeBudgetMs(),
                LABELS,
                FOLDS,
                2,
                answering(Map.of(0.1, GOOD, 0.5, PERFECT, 2.0, GOOD), asked),
                (number, outOfFold) -> {},
                clockAdvancing(4_000_000_000L));

        assertThat(asked).containsExactly(0.1);
        assertThat(result.trials()).hasSize(1);
        assertThat(result.best().number()).isEqualTo(1);
        assertThat(result.stoppedByBudget()).isTrue();
    }

    @Test
    void foldAucsCountATiedPairAsOneHalf() {
        // fold 0: the default at 0.5 ties a non-default (one half), beats the one at 0.1; the other default wins both
        double[] tied = {0.5, 0.5, 0.9, 0.1, 0.9, 0.1, 0.8, 0.2};

        double[] aucs = FoldAucs.of(LABELS, FOLDS, tied, 2);

        assertThat(aucs).containsExactly(3.5 / 4, 1.0);
        assertThat(FoldAucs.mean(aucs)).isEqualTo((3.5 / 4 + 1.0) / 2);
    }
}
