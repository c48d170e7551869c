package io.creditscoring.training.selection;

/**
 * How one algorithm with one set of settings did across the folds.
 *
 * @param foldAucs each fold's AUC on the rows it held out, by fold
 * @param meanAuc the mean of the fold AUCs
 * @param standardError the standard error of that mean: the folds' sample standard deviation over the square root of
 *     the number of folds
 * @param foldIterations the rounds or epochs each fold's early stopping kept (0 where the algorithm has none)
 * @param iterations the rounds or epochs the refit on all training rows takes: the mean of the folds', rounded
 * @param outOfFold every training row's probability of default from the fold that held it out, in row order
 */
public record CrossValidationScore(
        double[] foldAucs,
        double meanAuc,
        double standardError,
        int[] foldIterations,
        int iterations,
        double[] outOfFold) {

    /** The score of fold AUCs, fold iterations and out-of-fold probabilities (the means and standard error). */
    public static CrossValidationScore of(double[] foldAucs, int[] foldIterations, double[] outOfFold) {
        int k = foldAucs.length;
        double mean = 0;
        for (double auc : foldAucs) {
            mean += auc / k;
        }
        double squares = 0;
        for (double auc : foldAucs) {
            squares += (auc - mean) * (auc - mean);
        }
        double standardError = k > 1 ? Math.sqrt(squares / (k - 1)) / Math.sqrt(k) : Double.NaN;
        double iterations = 0;
        for (int n : foldIterations) {
            iterations += n / (double) k;
        }
        return new CrossValidationScore(
                foldAucs, mean, standardError, foldIterations, (int) Math.round(iterations), outOfFold);
    }
}
