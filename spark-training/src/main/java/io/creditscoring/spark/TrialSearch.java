package io.creditscoring.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One algorithm's hyper-parameter search in the job, by the training service's rules: the planned trials in order,
 * each cross-validated on the same folds; no trial after the first starts once the time budget has gone to the
 * algorithm's trials; the best is the highest mean fold AUC, the earlier trial on a tie. The trials come from the
 * service ({@link JobArguments.Search}), drawn by its sampler; the job draws none. Each trial's out-of-fold
 * probabilities are handed to {@code written} as soon as they exist, and only the best one's are kept.
 */
final class TrialSearch {

    private TrialSearch() {}

    /** What one trial's cross-validation produced. */
    record Folds(double[] outOfFold, int[] foldIterations) {}

    /** Cross-validates one trial's settings on the run's folds. */
    interface CrossValidation {
        Folds run(TrainingSettings settings) throws IOException;
    }

    /** Takes a trial's out-of-fold probabilities (the job writes them for the service). */
    interface Written {
        void trial(int number, double[] outOfFold) throws IOException;
    }

    /**
     * A trial that ran.
     *
     * @param seconds its folds' time
     */
    record Scored(int number, TrainingSettings settings, int[] foldIterations, double meanAuc, double seconds) {

        /** The refit's rounds or epochs: the mean of the folds', rounded, at least 1. */
        int iterations() {
            double mean = 0;
            for (int n : foldIterations) {
                mean += n / (double) foldIterations.length;
            }
            return Math.max(1, (int) Math.round(mean));
        }
    }

    /**
     * @param best the trial to refit
     * @param bestOutOfFold its out-of-fold probabilities
     * @param stoppedByBudget whether trials were left out for the time budget
     */
    record Result(List<Scored> trials, Scored best, double[] bestOutOfFold, boolean stoppedByBudget) {}

    /**
     * @param labels each training row's label, in row order
     * @param folds each training row's fold, in row order
     * @param clock nanoseconds, for the budget and the trials' times
     */
    static Result run(
            String algorithm,
            List<JobArguments.Trial> planned,
            long timeBudgetMs,
            int[] labels,
            int[] folds,
            int k,
            CrossValidation crossValidation,
            Written written,
            LongSupplier clock)
            throws IOException {
        long budgetNanos = timeBudgetMs >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : timeBudgetMs * 1_000_000;
        long started = clock.getAsLong();
        List<Scored> trials = new ArrayList<>();
        Scored best = null;
        double[] bestOutOfFold = null;
        boolean stopped = false;
        for (JobArguments.Trial trial : planned) {
            if (!trials.isEmpty() && clock.getAsLong() - started >= budgetNanos) {
                stopped = true;
                System.out.printf(
                        "%s search: time budget of %d ms spent after %d of %d trials%n",
                        algorithm, timeBudgetMs, trials.size(), planned.size());
                break;
            }
            long t = clock.getAsLong();
            Folds result = crossValidation.run(trial.settings());
            double seconds = (clock.getAsLong() - t) / 1e9;
            written.trial(trial.number(), result.outOfFold());
            double meanAuc = FoldAucs.mean(FoldAucs.of(labels, folds, result.outOfFold(), k));
            Scored scored = new Scored(trial.number(), trial.settings(), result.foldIterations(), meanAuc, seconds);
            trials.add(scored);
            System.out.printf(
                    "%s trial %d of %d: mean fold AUC %.4f in %.1f s%n",
                    algorithm, trial.number(), planned.size(), meanAuc, seconds);
            // strictly better: the earlier trial wins a tie, as in the training service's rule
            if (best == null || meanAuc > best.meanAuc()) {
                best = scored;
                bestOutOfFold = result.outOfFold();
            }
        }
        return new Result(List.copyOf(trials), best, bestOutOfFold, stopped);
    }
}
