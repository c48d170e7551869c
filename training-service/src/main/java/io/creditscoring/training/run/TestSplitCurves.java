package io.creditscoring.training.run;

import io.creditscoring.metrics.ProbabilityMetrics;
import java.util.List;

/**
 * A model's ROC and KS curves on its run's test split, thinned to at most {@link #MAX_STEPS} steps each by
 * {@link ProbabilityMetrics} (the platform's one implementation): stored with the run at training time, so that runs
 * can be compared later without keeping every test-split score.
 *
 * @param roc (false positive rate, true positive rate) from (0, 0) to (1, 1)
 * @param ks cumulative shares of all rows, defaulters and non-defaulters by rising probability
 * @param ksWidest the point of largest separation: its gap is the model's KS
 */
public record TestSplitCurves(
        List<ProbabilityMetrics.RocPoint> roc,
        List<ProbabilityMetrics.KsPoint> ks,
        ProbabilityMetrics.KsPoint ksWidest) {

    /** Enough for a smooth chart; a stored curve stays a few kilobytes whatever the test split's size. */
    static final int MAX_STEPS = 200;

    static TestSplitCurves of(int[] outcomes, double[] probabilities) {
        ProbabilityMetrics metrics = ProbabilityMetrics.of(probabilities, outcomes);
        ProbabilityMetrics.KsCurve ks = metrics.ksCurve(MAX_STEPS);
        return new TestSplitCurves(metrics.rocCurve(MAX_STEPS), ks.points(), ks.widest());
    }
}
