package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.spark.FoldAucs;
import io.creditscoring.spark.JobArguments;
import io.creditscoring.spark.TrainingSettings;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the service's search and the Spark job's, without Spark: the trials the service draws with the
 * local engine's sampler reach the job (its search file, read by the job's own argument parser from spark-training)
 * as the settings the local engine would train them with, and the fold AUCs by which the job picks the trial to refit
 * are the service's to the last bit, so that the service's check of the job's pick cannot trip on rounding.
 */
class SparkSearchTest {

    private static final RunSettings SETTINGS =
            TestSettings.run(Map.of("search.trials", 4, "xgboost.maxDepth", 5, "crossValidation.folds", 3));

    /** The run set xgboost.maxDepth itself: not searched. */
    private static final Set<String> FIXED = Set.of("xgboost.maxDepth", "crossValidation.folds", "search.trials");

    @TempDir
    Path directory;

    @Test
    void theJobReadsTheServicesTrialsAsTheLocalEngineWouldTrainThem() throws IOException {
        List<Algorithm> algorithms = List.of(Algorithm.values());
        SparkSearch search = SparkSearch.plan(algorithms, SETTINGS, FIXED);
        Path file = Files.writeString(directory.resolve("search.json"), SparkJobLauncher.searchJson(search));

        JobArguments job = JobArguments.parse(
                new String[] {
                    "--portfolio", "p",
                    "--run-id", "r",
                    "--schema", "schema.json",
                    "--output", "out",
                    "--jdbc-url", "jdbc:postgresql://localhost/x",
                    "--search", file.toString()
                },
                Map.of());

        assertThat(job.search().timeBudgetMs())
                .isEqualTo(SETTINGS.search().timeBudget().toMillis());
        for (Algorithm algorithm : algorithms) {
            List<Map<String, Object>> local = HyperparameterSearch.plan(algorithm, SETTINGS, FIXED);
            List<SparkSearch.PlannedTrial> planned = search.of(algorithm);
            List<JobArguments.Trial> trials = job.search().of(algorithm.name(), job.settings());
            assertThat(planned).extracting(SparkSearch.PlannedTrial::values).isEqualTo(local);
            assertThat(trials).extracting(JobArguments.Trial::number).containsExactly(1, 2, 3, 4);
            for (int i = 0; i < trials.size(); i++) {
                // the local engine trains trial i with the run's settings overridden by its values
                RunSettings expected = SETTINGS.overriding(local.get(i));
                TrainingSettings actual = trials.get(i).settings();
                // each algorithm's trials carry its own settings (the others stay the command line's)
                switch (algorithm) {
                    case LOGISTIC_REGRESSION ->
                        assertThat(actual.logisticRegressionLambda())
                                .isEqualTo(expected.logisticRegression().lambda());
                    case XGBOOST -> {
                        assertThat(actual.xgboost().eta())
                                .isEqualTo(expected.xgboost().eta());
                        assertThat(actual.xgboost().maxDepth())
                                .isEqualTo(expected.xgboost().maxDepth());
                        assertThat(actual.xgboost().minChildWeight())
                                .isEqualTo(expected.xgboost().minChildWeight());
                        assertThat(actual.xgboost().subsample())
                                .isEqualTo(expected.xgboost().subsample());
                        assertThat(actual.xgboost().colsampleBytree())
                                .isEqualTo(expected.xgboost().colsampleBytree());
                        assertThat(actual.xgboost().lambda())
                                .isEqualTo(expected.xgboost().lambda());
                        assertThat(actual.xgboost().maxDepth())
                                .as("set by the run")
                                .isEqualTo(5);
                    }
                    case NEURAL_NETWORK -> {
                        assertThat(actual.neuralNetwork().hiddenLayers())
                                .isEqualTo(expected.neuralNetwork().hiddenLayers());
                        assertThat(actual.neuralNetwork().weightDecay())
                                .isEqualTo(expected.neuralNetwork().weightDecay());
                    }
                }
            }
        }
        // the searched values do change the trials' settings
        List<JobArguments.Trial> xgboost = job.search().of("XGBOOST", job.settings());
        assertThat(xgboost.get(1).settings().xgboost().eta())
                .isNotEqualTo(xgboost.get(0).settings().xgboost().eta());
    }

    @Test
    void theJobsFoldAucsAreTheServicesToTheLastBit() {
        Random random = new Random(5);
        int n = 3_001;
        int k = 5;
        int[] labels = new int[n];
        int[] folds = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(4) == 0 ? 1 : 0;
            folds[i] = random.nextInt(k);
            // two decimals: many tied probabilities, within and across the classes
            p[i] = Math.round((0.3 * labels[i] + 0.7 * random.nextDouble()) * 100) / 100.0;
        }

        double[] job = FoldAucs.of(labels, folds, p, k);

        double[] service = new double[k];
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] rows = java.util.stream.IntStream.range(0, n)
                    .filter(i -> folds[i] == fold)
                    .toArray();
            service[f] = Metrics.auc(
                    java.util.Arrays.stream(rows).map(i -> labels[i]).toArray(),
                    java.util.Arrays.stream(rows).mapToDouble(i -> p[i]).toArray());
        }
        assertThat(job).containsExactly(service);
        assertThat(FoldAucs.mean(job))
                .isEqualTo(CrossValidationScore.of(service, new int[k], null).meanAuc());
    }
}
