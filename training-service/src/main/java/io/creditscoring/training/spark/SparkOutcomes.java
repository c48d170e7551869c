package io.creditscoring.training.spark;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.preprocess.InformationValueCalculator;
import io.creditscoring.training.preprocess.InformationValueCalculator.BinnedFeature;
import io.creditscoring.training.selection.AlgorithmTraining;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FittedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
     * The report's information values from the job's counts of all training rows, labelled and summed by the local
     * engine's {@link InformationValueCalculator}: the same table a local run gives for the same training rows. Every
     * model input of the schema, in its order, must count exactly the training rows and their defaults.
     *
     * @throws SparkJobFailedException when a feature is missing or counts other rows
     */
    public static List<InformationValue> informationValues(
            PortfolioSchema schema, List<BinnedFeature> counted, SparkJobOutputs.Rows rows) {
        int training = rows.count(SparkJobOutputs.Rows.TRAIN);
        int defaults = Arrays.stream(rows.labels(SparkJobOutputs.Rows.TRAIN)).sum();
        Map<String, BinnedFeature> byName = new HashMap<>();
        counted.forEach(f -> byName.put(f.feature(), f));
        List<BinnedFeature> features = new ArrayList<>();
        for (FeatureSpec f : schema.modelInputs()) {
            BinnedFeature binned = byName.get(f.name());
            if (binned == null) {
                throw new SparkJobFailedException(
                        "the Spark job counted no information-value bins of feature '" + f.name() + "'");
            }
            if (binned.rows() != training || binned.defaults() != defaults) {
                throw new SparkJobFailedException("the Spark job's information-value bins of feature '" + f.name()
                        + "' count " + binned.rows() + " rows and " + binned.defaults() + " defaults, the training"
                        + " split has " + training + " and " + defaults);
            }
            features.add(binned);
        }
        return InformationValueCalculator.table(features, training - defaults, defaults);
    }

    /** A split the job made, checked: its kind (STRATIFIED or OUT_OF_TIME) and note, the local engine's. */
    public record CheckedSplit(String kind, String note) {}

    /**
     * Checks the job's split and folds of {@code rows} against the local engine's rules ({@link DatasetSplitter#split}):
     * which split the rows get, its parts, its note word for word, and the folds of its training rows. An out-of-time
     * split is checked on the job's submission times: every row has one, they span {@code outOfTimeMinSpanDays}, the
     * rows come in order of time and the last {@code round(n * testShare)} are the test rows; else the stratified
     * split with the note of why. The order among rows submitted at the same instant (by application id) is the job's:
     * the service holds no ids.
     *
     * @return the split's kind and note, to record
     * @throws SparkJobFailedException when they differ
     */
    public static CheckedSplit requireLocalSplit(
            SparkJobOutputs.Rows rows, SparkJobOutputs.Split split, RunSettings settings) {
        CheckedSplit expected;
        if (settings.split().outOfTime()) {
            expected = outOfTime(rows, split, settings);
        } else {
            requireStratified(rows, settings);
            expected = new CheckedSplit(DatasetSplitter.STRATIFIED, DatasetSplitter.note(settings.seed()));
        }
        requireLocalFolds(rows, settings);
        if (!expected.equals(new CheckedSplit(split.kind(), split.note()))) {
            throw new SparkJobFailedException("the Spark job made a " + split.kind() + " split ('" + split.note()
                    + "'), the local engine's rule gives a " + expected.kind() + " split ('" + expected.note() + "')");
        }
        return expected;
    }

    /** The out-of-time split the local engine would make of the job's rows, or its fallback, checked. */
    private static CheckedSplit outOfTime(
            SparkJobOutputs.Rows rows, SparkJobOutputs.Split split, RunSettings settings) {
        if (split.submittedAtFile() == null) {
            throw new SparkJobFailedException(
                    "the run asked for an out-of-time split and the Spark job wrote no" + " submission times");
        }
        int n = rows.size();
        int trainEnd = n - DatasetSplitter.outOfTimeTestRows(n, settings.split().testShare());
        JobSubmissionTimes times = JobSubmissionTimes.read(split.submittedAtFile(), trainEnd);
        if (times.rows() != n) {
            throw new SparkJobFailedException(
                    "the Spark job wrote " + times.rows() + " submission times for " + n + " rows");
        }
        String why;
        if (times.firstUntimed() >= 0) {
            if (split.untimedApplicationId() == null) {
                throw new SparkJobFailedException("row " + (times.firstUntimed() + 1) + " of the Spark job has no"
                        + " submission time and the job named no application without one");
            }
            why = DatasetSplitter.untimed(split.untimedApplicationId());
        } else if (n == 0) {
            why = "no rows";
        } else {
            why = DatasetSplitter.tooShort(
                    times.earliest(), times.latest(), settings.split().outOfTimeMinSpanDays());
        }
        if (why != null) {
            requireStratified(rows, settings);
            return new CheckedSplit(DatasetSplitter.STRATIFIED, DatasetSplitter.fallbackNote(why));
        }
        if (times.firstOutOfOrder() >= 0) {
            throw new SparkJobFailedException("the Spark job's rows are not in order of submission time at row "
                    + (times.firstOutOfOrder() + 1) + " of " + n + ": an out-of-time split tests the newest rows");
        }
        for (int i = 0; i < n; i++) {
            if ((i >= trainEnd) != (rows.parts()[i] == SparkJobOutputs.Rows.TEST)) {
                throw new SparkJobFailedException("the Spark job's out-of-time split differs from the local engine's"
                        + " at row " + (i + 1) + " of " + n + ": the newest " + (n - trainEnd) + " rows are the test"
                        + " rows");
            }
        }
        return new CheckedSplit(
                DatasetSplitter.OUT_OF_TIME,
                DatasetSplitter.outOfTimeNote(
                        times.firstTrain(), times.lastTrain(), times.firstTest(), times.lastTest()));
    }

    /** The stratified split's rule on the job's labels in the job's row order. */
    private static void requireStratified(SparkJobOutputs.Rows rows, RunSettings settings) {
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
    }

    /** The stratified folds of the training rows, in the job's row order (the split's, as the local engine folds). */
    private static void requireLocalFolds(SparkJobOutputs.Rows rows, RunSettings settings) {
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
