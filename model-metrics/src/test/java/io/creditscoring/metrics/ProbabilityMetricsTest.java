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
    void expectedCalibrationErrorWeighsEachBinsGapByItsRows() {
        // 10 bins: 0.05 -> bin 0 (gap 0.05), 0.15 x2 -> bin 1 (mean 0.15, 1 of 2 defaulted: gap 0.35),
        // 0.45 -> bin 4 (0.45), 0.85 -> bin 8 (1 defaulted: 0.15), 0.95 x2 -> bin 9 (1 of 2: 0.45)
        // ECE = (1*0.05 + 2*0.35 + 1*0.45 + 1*0.15 + 2*0.45) / 7 = 2.25 / 7
        double[] p = {0.05, 0.15, 0.15, 0.85, 0.95, 0.95, 0.45};
        int[] y = {0, 1, 0, 1, 1, 0, 0};
        ProbabilityMetrics m = ProbabilityMetrics.of(p, y);

        assertThat(m.expectedCalibrationError()).isCloseTo(2.25 / 7, within(1e-15));
        // 2 bins: [0, 0.5) holds 0.05, 0.15, 0.15, 0.45 (sum 0.8, 1 default); [0.5, 1] the rest (sum 2.75, 2)
        assertThat(m.expectedCalibrationError(2)).isCloseTo((0.2 + 0.75) / 7, within(1e-15));
    }

    @Test
    void expectedCalibrationErrorIsZeroWhenEveryBinsRateIsItsProbabilityAndEndsCount() {
        // four at 0.25 with one default, two at 0.5 with one default
        ProbabilityMetrics calibrated =
                ProbabilityMetrics.of(new double[] {0.25, 0.25, 0.25, 0.25, 0.5, 0.5}, new int[] {1, 0, 0, 0, 0, 1});
        assertThat(calibrated.expectedCalibrationError()).isZero();

        // 1.0 falls in the last bin and 0.0 in the first: each bin right, nothing to pay
        ProbabilityMetrics ends = ProbabilityMetrics.of(new double[] {0.0, 1.0}, new int[] {0, 1});
        assertThat(ends.expectedCalibrationError()).isZero();
        // both wrong: each bin's gap is 1
        ProbabilityMetrics wrong = ProbabilityMetrics.of(new double[] {0.0, 1.0}, new int[] {1, 0});
        assertThat(wrong.expectedCalibrationError()).isEqualTo(1.0);
        assertThat(ProbabilityMetrics.of(new double[0], new int[0]).expectedCalibrationError())
                .isNaN();
        assertThatThrownBy(() -> calibrated.expectedCalibrationError(0)).isInstanceOf(IllegalArgumentException.class);
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
