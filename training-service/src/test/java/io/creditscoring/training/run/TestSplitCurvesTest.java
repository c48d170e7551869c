package io.creditscoring.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.metrics.ProbabilityMetrics;
import org.junit.jupiter.api.Test;

class TestSplitCurvesTest {

    @Test
    void aLargeTestSplitIsStoredInAtMost200StepsPerCurve() {
        int rows = 10_000;
        int[] outcomes = new int[rows];
        double[] probabilities = new double[rows];
        for (int i = 0; i < rows; i++) {
            probabilities[i] = i / (double) rows;
            outcomes[i] = i % 7 == 0 || i > 9_000 ? 1 : 0;
        }

        TestSplitCurves curves = TestSplitCurves.of(outcomes, probabilities);

        assertThat(curves.roc()).hasSize(TestSplitCurves.MAX_STEPS + 1);
        assertThat(curves.ks()).hasSizeLessThanOrEqualTo(TestSplitCurves.MAX_STEPS + 2);
        assertThat(curves.roc().getFirst()).isEqualTo(new ProbabilityMetrics.RocPoint(0, 0));
        assertThat(curves.roc().getLast()).isEqualTo(new ProbabilityMetrics.RocPoint(1, 1));
        assertThat(curves.ks().getLast()).isEqualTo(new ProbabilityMetrics.KsPoint(1, 1, 1));
        assertThat(curves.ks()).contains(curves.ksWidest());
    }

    @Test
    void aPerfectRankingReachesTheTopLeftCornerAndAFullSeparation() {
        // defaults score above every non-default
        TestSplitCurves curves = TestSplitCurves.of(new int[] {0, 0, 0, 1, 1}, new double[] {0.1, 0.2, 0.3, 0.8, 0.9});

        assertThat(curves.roc()).contains(new ProbabilityMetrics.RocPoint(0, 1));
        assertThat(curves.ksWidest()).isEqualTo(new ProbabilityMetrics.KsPoint(0.6, 0, 1));
    }
}
