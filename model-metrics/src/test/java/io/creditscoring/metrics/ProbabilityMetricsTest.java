package io.creditscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge rules; the numbers themselves are checked against scikit-learn in {@link SklearnGoldenTest}. */
class ProbabilityMetricsTest {

    @Test
    void aTiedPairCountsOneHalfAndMinusZeroTiesWithZero() {
        // the defaulter at 0.0 ties with the non-defaulter at -0.0 and beats the one at -1: (1 + 0.5) / 2
        ProbabilityMetrics m = ProbabilityMetrics.of(new double[] {0.0, -0.0, -1}, new int[] {1, 0, 0});

        assertThat(m.auc()).isEqualTo(0.75);
        assertThat(m.gini()).isEqualTo(0.5);
        // after -1: 0 of 1 defaulter, 1 of 2 non-defaulters; after the tie group: all of both
        assertThat(m.ks()).isEqualTo(0.5);
        assertThat(m.ksCurve(10).points()).hasSize(3);
    }

    @Test
    void withoutBothOutcomesTheRankingMetricsAreNaNAndBrierIsNot() {
        ProbabilityMetrics m = ProbabilityMetrics.of(new double[] {0.2, 0.6}, new boolean[] {false, false});

        assertThat(m.auc()).isNaN();
        assertThat(m.gini()).isNaN();
        assertThat(m.ks()).isNaN();
        assertThat(m.brier()).isCloseTo(0.2, within(1e-15));
        assertThat(m.rocCurve(10).getLast()).isEqualTo(new ProbabilityMetrics.RocPoint(1, 0));
        assertThat(ProbabilityMetrics.of(new double[0], new int[0]).brier()).isNaN();
    }

    @Test
    void thinnedCurvesKeepTheirEndsAndTheKsPoint() {
        int n = 1000;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i / (double) n;
            // defaults concentrate above 0.737, so the KS point (after row 737) falls between evenly spaced samples
            y[i] = i >= 737 ? 1 : (i % 10 == 0 ? 1 : 0);
        }
        ProbabilityMetrics m = ProbabilityMetrics.of(p, y);

        ProbabilityMetrics.KsCurve curve = m.ksCurve(20);
        assertThat(curve.points()).hasSize(22).contains(curve.widest());
        assertThat(curve.widest().population()).isEqualTo(0.737);
        assertThat(curve.widest().gap()).isEqualTo(m.ks());
        assertThat(curve.points().getLast()).isEqualTo(new ProbabilityMetrics.KsPoint(1, 1, 1));
        List<ProbabilityMetrics.RocPoint> roc = m.rocCurve(20);
        assertThat(roc).hasSize(21);
        assertThat(roc.getFirst()).isEqualTo(new ProbabilityMetrics.RocPoint(0, 0));
        assertThat(roc.getLast()).isEqualTo(new ProbabilityMetrics.RocPoint(1, 1));
    }

    @Test
    void rejectsWhatIsNotAnOutcomeOrAProbability() {
        assertThatThrownBy(() -> ProbabilityMetrics.of(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outcome of row 1 is 2; outcomes are 1 (defaulted) or 0");
        assertThatThrownBy(() -> ProbabilityMetrics.of(new double[] {0.1}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got 1 probabilities for 2 outcomes; they must pair up");
        assertThatThrownBy(() -> ProbabilityMetrics.of(new double[] {0.1, Double.NaN}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability of default of row 1 is NaN");
        assertThatThrownBy(() ->
                        ProbabilityMetrics.of(new double[] {0.1}, new int[] {1}).rocCurve(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
