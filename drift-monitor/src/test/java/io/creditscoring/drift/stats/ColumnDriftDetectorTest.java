package io.creditscoring.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Evidently's default test choice, by reference size and the number of distinct values. */
class ColumnDriftDetectorTest {

    private final Random random = new Random(11);

    @Test
    void smallReferenceUsesKsForNumericWithMoreThanFiveValues() {
        FeatureDrift drift = numeric(normal(1000, 0), normal(500, 0));
        assertThat(drift.test()).isEqualTo(StatTest.KS);
        assertThat(drift.pValue()).isBetween(0.0, 1.0);
        assertThat(drift.threshold()).isEqualTo(0.05);
        assertThat(drift.drifted()).isEqualTo(drift.pValue() <= 0.05);
    }

    @Test
    void smallReferenceUsesChiSquareForNumericWithThreeToFiveValues() {
        assertThat(numeric(levels(800, 3), levels(400, 3)).test()).isEqualTo(StatTest.CHI_SQUARE);
        assertThat(numeric(levels(800, 5), levels(400, 5)).test()).isEqualTo(StatTest.CHI_SQUARE);
    }

    @Test
    void distinctValuesAreCountedOverReferenceAndCurrentTogether() {
        // five values in the reference and a sixth only in the current sample: more than five in the union
        assertThat(numeric(levels(800, 5), levels(400, 6)).test()).isEqualTo(StatTest.KS);
    }

    @Test
    void smallReferenceUsesZTestForTwoValues() {
        FeatureDrift drift = numeric(levels(600, 2), levels(300, 2));
        assertThat(drift.test()).isEqualTo(StatTest.Z);
        assertThat(categorical(labels(600, "1", "2"), labels(300, "1", "2")).test())
                .isEqualTo(StatTest.Z);
        assertThat(categorical(labels(600, "a", "b", "c"), labels(300, "a", "b", "c"))
                        .test())
                .isEqualTo(StatTest.CHI_SQUARE);
    }

    @Test
    void largeReferenceUsesNormalisedWassersteinAndJensenShannon() {
        FeatureDrift wasserstein = numeric(normal(1001, 0), normal(500, 0));
        assertThat(wasserstein.test()).isEqualTo(StatTest.WASSERSTEIN);
        assertThat(wasserstein.pValue()).isNaN();
        assertThat(wasserstein.threshold()).isEqualTo(0.1);
        assertThat(numeric(levels(2000, 5), levels(500, 5)).test()).isEqualTo(StatTest.JENSEN_SHANNON);
        assertThat(categorical(labels(2000, "1", "2"), labels(500, "1", "2")).test())
                .isEqualTo(StatTest.JENSEN_SHANNON);
    }

    @Test
    void aShiftOfHalfAStandardDeviationDriftsAndTheSameDistributionDoesNot() {
        assertThat(numeric(normal(5000, 0), normal(3000, 0.5)).drifted()).isTrue();
        assertThat(numeric(normal(5000, 0), normal(3000, 0)).drifted()).isFalse();
        assertThat(numeric(normal(500, 0), normal(300, 0.5)).drifted()).isTrue();
    }

    @Test
    void missingValuesAreLeftOutAndAnEmptyColumnIsNotTested() {
        double[] current = normal(300, 0);
        current[0] = Double.NaN;
        assertThat(numeric(normal(500, 0), current).currentRows()).isEqualTo(299);
        assertThat(ColumnDriftDetector.numeric(ReferenceColumn.numeric("x", normal(10, 0)), new double[] {Double.NaN}))
                .isEmpty();
    }

    @Test
    void datasetDriftsWhenTheDriftedShareReachesTheThreshold() {
        FeatureDrift drifted = numeric(normal(5000, 0), normal(3000, 1));
        FeatureDrift stable = numeric(normal(5000, 0), normal(3000, 0));
        assertThat(DatasetDrift.of(java.util.List.of(drifted, stable), 0.5).datasetDrift())
                .isTrue();
        assertThat(DatasetDrift.of(java.util.List.of(drifted, stable, stable), 0.5)
                        .datasetDrift())
                .isFalse();
        assertThat(DatasetDrift.of(java.util.List.of(drifted, stable, stable), 0.5)
                        .driftShare())
                .isEqualTo(1.0 / 3);
    }

    @Test
    void psiBandsFollowTheCreditConvention() {
        assertThat(StabilityBand.of(0.05)).isEqualTo(StabilityBand.STABLE);
        assertThat(StabilityBand.of(0.1)).isEqualTo(StabilityBand.WATCH);
        assertThat(StabilityBand.of(0.25)).isEqualTo(StabilityBand.SHIFT);
    }

    private FeatureDrift numeric(double[] reference, double[] current) {
        return ColumnDriftDetector.numeric(ReferenceColumn.numeric("x", reference), current)
                .orElseThrow();
    }

    private FeatureDrift categorical(String[] reference, String[] current) {
        return ColumnDriftDetector.categorical(ReferenceColumn.categorical("c", reference), current)
                .orElseThrow();
    }

    private double[] normal(int n, double mean) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return values;
    }

    private double[] levels(int n, int levels) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i % levels;
        }
        return values;
    }

    private String[] labels(int n, String... labels) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = labels[i % labels.length];
        }
        return values;
    }
}
