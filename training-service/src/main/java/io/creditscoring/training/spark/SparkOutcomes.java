package io.creditscoring.training.spark;

import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FittedModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one algorithm's Spark output into what the local engine's search and refit hand on, so that calibration,
 * evaluation, export, parity gate, registry and report take the same path for both engines. The Spark engine runs no
 * search: its one trial is the run's own settings (trial 1 of the local search). The service holds no rows of its own
 * for a Spark run: the job's split and folds are checked against the local engine's rules applied to the job's labels
 * (the same rules on the same row order give the same split), so an engine that split otherwise fails the run.
 */
public final class SparkOutcomes {

    static final String NO_SEARCH = "off on the Spark engine: trial 1 (the run's own settings) only";

    private SparkOutcomes() {}

    /**
     * Checks the job's split and folds of {@code rows} against the local engine's rules.
     *
     * @throws SparkJobFailedException when they differ
     */
    public static void requireLocalSplit(SparkJobOutputs.Rows rows, RunSettings settings) {
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = rows.labels()[i] == 1;
        }
        boolean[] test =
                DatasetSplitter.stratifiedTestRows(defaulted, settings.split().testShare(), settings.seed());
        for (int i = 0; i < test.length; i++) {
            if (test[i] != (rows.parts()[i] == SparkJobOutputs.Rows.TEST)) {
                throw new SparkJobFailedException("the Spark job's split differs from the local engine's at row "
                        + (i + 1) + " of " + test.length + ": the same rows and seed must give the same split");
            }
        }
        int k = settings.crossValidation().folds();
        int[] folds = StratifiedFolds.assign(rows.labels(SparkJobOutputs.Rows.TRAIN), k, settings.seed());
        int[] job = rows.trainingFolds();
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] != job[i]) {
                throw new SparkJobFailedException(
                        "the Spark job's folds differ from the local engine's at training row " + (i + 1) + " of "
                                + folds.length);
            }
        }
    }

    /** One algorithm's outcome, from the job's arrays (checked by {@link #requireLocalSplit} first). */
    public static AlgorithmTraining.Outcome outcome(
            SparkJobOutputs.Model m, SparkJobOutputs.Rows rows, RunSettings settings, double seconds) {
        int[] labels = rows.labels(SparkJobOutputs.Rows.TRAIN);
        int[] yTest = rows.labels(SparkJobOutputs.Rows.TEST);
        requireRows("out-of-fold", m.outOfFold().length, labels.length);
        requireRows("test", m.testProbabilities().length, yTest.length);
        int k = settings.crossValidation().folds();
        if (m.foldIterations().length != k) {
            throw new SparkJobFailedException(
                    "the Spark job made " + m.foldIterations().length + " folds, the run asked for " + k);
        }
        int[] foldOf = rows.trainingFolds();
        double[] foldAucs = new double[k];
        for (int f = 0; f < k; f++) {
            int n = 0;
            for (int fold : foldOf) {
                n += fold == f ? 1 : 0;
            }
            int[] y = new int[n];
            double[] p = new double[n];
            int j = 0;
            for (int i = 0; i < foldOf.length; i++) {
                if (foldOf[i] == f) {
                    y[j] = labels[i];
                    p[j++] = m.outOfFold()[i];
                }
            }
            foldAucs[f] = Metrics.auc(y, p);
        }
        CrossValidationScore score = CrossValidationScore.of(foldAucs, m.foldIterations(), m.outOfFold());
        HyperparameterSearch.Trial trial = new HyperparameterSearch.Trial(1, Map.of(), settings, score, seconds);
        HyperparameterSearch.Result search =
                new HyperparameterSearch.Result(m.algorithm(), List.of(trial), trial, null);
        Map<String, String> details = new LinkedHashMap<>(m.details());
        details.put("cv.search", NO_SEARCH);
        FittedModel fitted = new FittedModel(
                m.algorithm(),
                m.pipeline().preprocessing(),
                m.pipeline().model(),
                m.testProbabilities(),
                Map.of(),
                "not computed by the Spark engine",
                Map.copyOf(details));
        return AlgorithmTraining.evaluate(search, fitted, labels, yTest, settings, seconds * 1000, 0);
    }

    private static void requireRows(String what, int job, int rows) {
        if (job != rows) {
            throw new SparkJobFailedException(
                    "the Spark job wrote " + job + " " + what + " probabilities for " + rows + " rows");
        }
    }
}
