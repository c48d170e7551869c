package io.creditscoring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DeLong's test against a small example worked by hand, against a pair-by-pair computation of its definition, and
 * its AUCs against the Mann-Whitney AUC of {@link ProbabilityMetrics}.
 */
class DeLongComparisonTest {

    /**
     * Three defaulters and three non-defaulters, one tie in model B (0.3 against 0.3).
     *
     * <pre>
     *             defaulters        non-defaulters
     * model A     0.9  0.45  0.4    0.5  0.3  0.2
     * model B     0.8  0.3   0.7    0.6  0.3  0.1
     *
     * V10_A = (1, 2/3, 2/3)   V01_A = (1/3, 1, 1)     AUC_A = 7/9
     * V10_B = (1, 1/2, 1)     V01_B = (2/3, 5/6, 1)   AUC_B = 5/6
     * S10: AA 1/27, BB 1/12, AB 1/36     S01: AA 4/27, BB 1/36, AB 1/18   (divisor 2)
     * var A = (1/27 + 4/27)/3 = 5/81, var B = (1/12 + 1/36)/3 = 1/27, cov = (1/36 + 1/18)/3 = 1/36
     * var(B - A) = 5/81 + 1/27 - 2/36 = 7/162; difference 5/6 - 7/9 = 1/18; z = (1/18)/sqrt(7/162) = 1/sqrt(14)
     * p = 2 P(Z > 1/sqrt 14) = 0.7892680261342808 (scipy.stats.norm.sf)
     * </pre>
     */
    @Test
    void matchesTheExampleWorkedByHand() {
        boolean[] defaulted = {true, true, true, false, false, false};
        double[] a = {0.9, 0.45, 0.4, 0.5, 0.3, 0.2};
        double[] b = {0.8, 0.3, 0.7, 0.6, 0.3, 0.1};

        DeLongComparison test = DeLongComparison.of(a, b, defaulted);

        assertThat(test.aucA()).isCloseTo(7.0 / 9, within(1e-15));
        assertThat(test.aucB()).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(test.difference()).isCloseTo(1.0 / 18, within(1e-15));
        assertThat(test.varianceA()).isCloseTo(5.0 / 81, within(1e-15));
        assertThat(test.varianceB()).isCloseTo(1.0 / 27, within(1e-15));
        assertThat(test.covariance()).isCloseTo(1.0 / 36, within(1e-15));
        assertThat(test.standardError()).isCloseTo(Math.sqrt(7.0 / 162), within(1e-15));
        assertThat(test.z()).isCloseTo(1 / Math.sqrt(14), within(1e-14));
        assertThat(test.pValue()).isCloseTo(0.7892680261342808, within(1e-12));

        DeLongComparison swapped = DeLongComparison.of(b, a, defaulted);
        assertThat(swapped.z()).isCloseTo(-1 / Math.sqrt(14), within(1e-14));
        assertThat(swapped.pValue()).isCloseTo(test.pValue(), within(1e-15));
    }

    @Test
    void agreesWithThePairByPairDefinitionAndTheMannWhitneyAuc() {
        Random random = new Random(16);
        int rows = 700;
        double[] a = new double[rows];
        double[] b = new double[rows];
        boolean[] defaulted = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            defaulted[i] = random.nextDouble() < 0.25;
            double signal = defaulted[i] ? 0.8 : 0;
            // rounded to two decimals: many ties within and across the classes
            a[i] = Math.round(100 * sigmoid(signal + random.nextGaussian())) / 100.0;
            b[i] = Math.round(100 * sigmoid(1.3 * signal + 0.6 * random.nextGaussian() + 0.4 * a[i])) / 100.0;
        }

        DeLongComparison test = DeLongComparison.of(a, b, defaulted);
        double[] reference = pairByPair(a, b, defaulted);

        assertThat(test.aucA()).isCloseTo(reference[0], within(1e-12));
        assertThat(test.aucB()).isCloseTo(reference[1], within(1e-12));
        assertThat(test.varianceA()).isCloseTo(reference[2], within(1e-12));
        assertThat(test.varianceB()).isCloseTo(reference[3], within(1e-12));
        assertThat(test.covariance()).isCloseTo(reference[4], within(1e-12));
        assertThat(test.aucA()).isCloseTo(ProbabilityMetrics.of(a, defaulted).auc(), within(1e-12));
        assertThat(test.aucB()).isCloseTo(ProbabilityMetrics.of(b, defaulted).auc(), within(1e-12));
        double z = (reference[1] - reference[0]) / Math.sqrt(reference[2] + reference[3] - 2 * reference[4]);
        assertThat(test.z()).isCloseTo(z, within(1e-9));
        assertThat(test.pValue()).isBetween(0.0, 1.0);
    }

    @Test
    void aModelComparedWithItselfDiffersByNothing() {
        double[] p = {0.1, 0.4, 0.35, 0.8, 0.2, 0.7};
        boolean[] defaulted = {false, false, true, true, false, true};

        DeLongComparison test = DeLongComparison.of(p, p.clone(), defaulted);

        assertThat(test.difference()).isZero();
        assertThat(test.z()).isZero();
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void refusesWhatItCannotTest() {
        assertThatThrownBy(() -> DeLongComparison.of(
                        new double[] {0.1, 0.2, 0.3}, new double[] {0.1, 0.2, 0.3}, new boolean[] {true, false, false}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DeLong's test needs at least 2 defaulters and 2 non-defaulters, got 1 and 2");
        assertThatThrownBy(() -> DeLongComparison.of(new double[] {0.1}, new double[] {0.1, 0.2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got 1 and 2 probabilities for 1 outcomes; they must pair up");
        assertThatThrownBy(() -> DeLongComparison.of(
                        new double[] {0.1, 0.2, 0.3, 0.4},
                        new double[] {0.1, Double.NaN, 0.3, 0.4},
                        new boolean[] {true, true, false, false}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probability of default of row 1 of model B is NaN");
    }

    /** AUC A, AUC B, var A, var B, cov: the definitions, every (defaulter, non-defaulter) pair visited. */
    private static double[] pairByPair(double[] a, double[] b, boolean[] defaulted) {
        int m = 0;
        for (boolean d : defaulted) {
            m += d ? 1 : 0;
        }
        int n = defaulted.length - m;
        double[][] v10 = new double[2][m];
        double[][] v01 = new double[2][n];
        double[][] scores = {a, b};
        for (int r = 0; r < 2; r++) {
            int i = 0;
            for (int x = 0; x < defaulted.length; x++) {
                if (!defaulted[x]) {
                    continue;
                }
                int j = 0;
                for (int y = 0; y < defaulted.length; y++) {
                    if (defaulted[y]) {
                        continue;
                    }
                    double psi = scores[r][x] > scores[r][y] ? 1 : scores[r][x] == scores[r][y] ? 0.5 : 0;
                    v10[r][i] += psi / n;
                    v01[r][j] += psi / m;
                    j++;
                }
                i++;
            }
        }
        double aucA = average(v10[0]);
        double aucB = average(v10[1]);
        return new double[] {
            aucA,
            aucB,
            sampleCovariance(v10[0], v10[0]) / m + sampleCovariance(v01[0], v01[0]) / n,
            sampleCovariance(v10[1], v10[1]) / m + sampleCovariance(v01[1], v01[1]) / n,
            sampleCovariance(v10[0], v10[1]) / m + sampleCovariance(v01[0], v01[1]) / n
        };
    }

    private static double average(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sampleCovariance(double[] x, double[] y) {
        double mx = average(x);
        double my = average(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }
}
