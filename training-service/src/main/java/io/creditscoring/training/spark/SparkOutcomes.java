package io.creditscoring.training.spark;

import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FittedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one algorithm's Spark output into what the local engine's search and refit hand on, so that calibration,
 * evaluation, export, parity gate, registry and report take the same path for both engines. The Spark job searched the
 * trials the service drew with the local engine's sampler ({@link SparkSearch}); the service scores each from the
 * job's out-of-fold probabilities and checks that the job refitted the trial the local rule picks. The service holds no rows of its own
 * for a Spark run: the job's split and folds are checked against the local engine's rules applied to the job's labels
 * (the same rules on the same row order give the same split), so an engine that split otherwise fails the run.
 */
public final class SparkOutcomes {

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

    /**
     * One algorithm's outcome, from the job's arrays (checked by {@link #requireLocalSplit} first): every trial the job
     * cross-validated is scored here, its fold AUCs computed from its out-of-fold probabilities on the job's folds;
     * the best is chosen by the local engine's rule ({@link HyperparameterSearch#best}) and must be the trial the job
     * refitted. Only the best trial's out-of-fold probabilities are kept (calibration needs no others).
     *
     * @param planned the trials the service planned for the algorithm ({@link SparkSearch#of})
     * @param timeBudget the search's time budget, for the reason a search stopped early
     */
    public static AlgorithmTraining.Outcome outcome(
            SparkJobOutputs.Model m,
            SparkJobOutputs.Rows rows,
            List<SparkSearch.PlannedTrial> planned,
            RunSettings settings,
            Duration timeBudget) {
        int[] labels = rows.labels(SparkJobOutputs.Rows.TRAIN);
        int[] yTest = rows.labels(SparkJobOutputs.Rows.TEST);
        requireRows("test", m.testProbabilities().length, yTest.length);
        if (m.trials().isEmpty() || m.trials().size() > planned.size()) {
            throw new SparkJobFailedException("the Spark job cross-validated "
                    + m.trials().size() + " " + m.algorithm() + " trials, the run planned " + planned.size());
        }
        int[] foldOf = rows.trainingFolds();
        List<HyperparameterSearch.Trial> trials = new ArrayList<>();
        for (int i = 0; i < m.trials().size(); i++) {
            SparkJobOutputs.Trial ran = m.trials().get(i);
            SparkSearch.PlannedTrial plan = planned.get(i);
            if (ran.number() != plan.number()) {
                throw new SparkJobFailedException(
                        "the Spark job's " + m.algorithm() + " trial " + (i + 1) + " is numbered " + ran.number());
            }
            // the out-of-fold array is read to score the trial and let go: only the best one's is read again
            CrossValidationScore score = score(ran, ran.readOutOfFold(), labels, foldOf, settings, false);
            trials.add(new HyperparameterSearch.Trial(
                    plan.number(), plan.values(), plan.settings(), score, ran.seconds()));
        }
        HyperparameterSearch.Trial best = HyperparameterSearch.best(trials);
        if (best.number() != m.refittedTrial()) {
            throw new SparkJobFailedException("the Spark job refitted " + m.algorithm() + " trial "
                    + m.refittedTrial() + ", the local engine's rule picks trial " + best.number()
                    + " (mean fold AUC " + best.score().meanAuc() + ")");
        }
        SparkJobOutputs.Trial job = m.trials().get(best.number() - 1);
        HyperparameterSearch.Trial kept = new HyperparameterSearch.Trial(
                best.number(),
                best.values(),
                best.settings(),
                score(job, job.readOutOfFold(), labels, foldOf, settings, true),
                best.seconds());
        trials.set(best.number() - 1, kept);
        String stoppedBy = m.searchStoppedByBudget()
                ? HyperparameterSearch.budgetSpent(timeBudget, trials.size(), planned.size())
                : null;
        HyperparameterSearch.Result search =
                new HyperparameterSearch.Result(m.algorithm(), List.copyOf(trials), kept, stoppedBy);
        FittedModel fitted = new FittedModel(
                m.algorithm(),
                m.pipeline().preprocessing(),
                m.pipeline().model(),
                m.testProbabilities(),
                Map.of(),
                "not computed by the Spark engine",
                m.details());
        double searchMs = 0;
        for (HyperparameterSearch.Trial trial : trials) {
            searchMs += trial.seconds() * 1000;
        }
        return AlgorithmTraining.evaluate(search, fitted, labels, yTest, settings, searchMs, 0);
    }

    /**
     * A trial's cross-validation score from its out-of-fold probabilities on the job's folds.
     *
     * @param keep whether the score keeps the out-of-fold probabilities (the best trial's, for the calibration)
     */
    private static CrossValidationScore score(
            SparkJobOutputs.Trial trial,
            double[] outOfFold,
            int[] labels,
            int[] foldOf,
            RunSettings settings,
            boolean keep) {
        requireRows("out-of-fold", outOfFold.length, labels.length);
        int k = settings.crossValidation().folds();
        if (trial.foldIterations().length != k) {
            throw new SparkJobFailedException(
                    "the Spark job made " + trial.foldIterations().length + " folds, the run asked for " + k);
        }
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
                    p[j++] = outOfFold[i];
                }
            }
            foldAucs[f] = Metrics.auc(y, p);
        }
        return CrossValidationScore.of(foldAucs, trial.foldIterations(), keep ? outOfFold : null);
    }

    private static void requireRows(String what, int job, int rows) {
        if (job != rows) {
            throw new SparkJobFailedException(
                    "the Spark job wrote " + job + " " + what + " probabilities for " + rows + " rows");
        }
    }
}
