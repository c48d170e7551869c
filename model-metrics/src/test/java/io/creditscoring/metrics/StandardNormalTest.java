package io.creditscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Normal tail probabilities against scipy 1.17.1's {@code scipy.stats.norm.sf}. */
class StandardNormalTest {

    @Test
    void upperTailMatchesScipy() {
        double[][] cases = {
            {0, 0.5},
            {0.5, 0.3085375387259869},
            {1, 0.15865525393145707},
            {1.959963984540054, 0.025},
            {2.5, 0.006209665325776132},
            {2.8284271247461903, 0.0023388674905236288}, // erfc(2): where the two expansions meet
            {3, 0.0013498980316300933},
            {5, 2.866515718791933e-07},
            {8, 6.22096057427174e-16},
            {12, 1.776482112077653e-33},
            {-1.5, 0.9331927987311419}
        };
        for (double[] c : cases) {
            assertThat(StandardNormal.upperTail(c[0])).as("P(Z > %s)", c[0]).isCloseTo(c[1], within(c[1] * 1e-12));
        }
    }

    @Test
    void twoSidedIsTwiceTheTailOfTheMagnitude() {
        assertThat(StandardNormal.twoSided(-1.959963984540054)).isCloseTo(0.05, within(1e-14));
        assertThat(StandardNormal.twoSided(0)).isEqualTo(1.0);
        assertThat(StandardNormal.twoSided(Double.POSITIVE_INFINITY)).isZero();
        assertThat(StandardNormal.twoSided(Double.NaN)).isNaN();
    }
}
