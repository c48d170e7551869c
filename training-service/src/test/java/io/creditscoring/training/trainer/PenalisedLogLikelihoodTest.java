package io.creditscoring.training.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;
import smile.math.BFGS;

class PenalisedLogLikelihoodTest {

    private static final double[][] X = {{1}, {2}, {-1}};
    private static final int[] Y = {1, 0, 0};

    @Test
    void valueAndGradientAtZeroAreThoseOfAFairCoin() {
        PenalisedLogLikelihood objective = new PenalisedLogLikelihood(X, Y, 2.0);
        double[] gradient = new double[2];

        double value = objective.g(new double[] {0, 0}, gradient);

        assertThat(value).isCloseTo(3 * Math.log(2), within(1e-12));
        assertThat(objective.f(new double[] {0, 0})).isCloseTo(value, within(1e-12));
        // sum of (1/2 - y) x, then sum of (1/2 - y) for the intercept
        assertThat(gradient[0]).isCloseTo(-0.5 + 1.0 - 0.5, within(1e-12));
        assertThat(gradient[1]).isCloseTo(-0.5 + 0.5 + 0.5, within(1e-12));
    }

    @Test
    void penalisesTheWeightsButNotTheIntercept() {
        PenalisedLogLikelihood objective = new PenalisedLogLikelihood(X, Y, 2.0);

        // w = 1, b = 3: margins 4, 5, 2; penalty 2/2 * 1^2 = 1
        double expected = Math.log1p(Math.exp(4)) - 4 + Math.log1p(Math.exp(5)) + Math.log1p(Math.exp(2)) + 1;
        assertThat(objective.f(new double[] {1, 3})).isCloseTo(expected, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheValue() {
        Random random = new Random(7);
        double[][] x = new double[200][4];
        int[] y = new int[200];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextDouble() < 0.3 ? 1 : 0;
        }
        PenalisedLogLikelihood objective = new PenalisedLogLikelihood(x, y, 0.7);
        double[] w = {0.4, -1.2, 0.05, 2.0, -0.8};
        double[] gradient = new double[w.length];
        objective.g(w, gradient);

        for (int j = 0; j < w.length; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            double numeric = (objective.f(up) - objective.f(down)) / 2e-6;
            assertThat(gradient[j]).as("component %d", j).isCloseTo(numeric, within(1e-5));
        }
    }

    @Test
    void isTheObjectiveSmilesBinomialMinimises() {
        Random random = new Random(11);
        double[][] x = new double[500][3];
        int[] y = new int[500];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(x[i][0] - 2 * x[i][2] - 1))) ? 1 : 0;
        }
        double[] smile = LogisticRegression.binomial(x, y, 0.5, 1e-10, 1_000).coefficients();

        PenalisedLogLikelihood objective = new PenalisedLogLikelihood(x, y, 0.5);
        double[] ours = new double[4];
        BFGS.minimize(objective, LogisticRegressionTrainer.LBFGS_HISTORY, ours, 1e-10, 1_000);

        for (int j = 0; j < ours.length; j++) {
            assertThat(ours[j]).as("coefficient %d", j).isCloseTo(smile[j], within(1e-6));
        }
        assertThat(objective.relativeGradientNorm(ours)).isLessThan(1e-10);
    }

    @Test
    void countsLbfgsIterationsAndReportsTheGradientLeftWhenTheBudgetRunsOut() {
        Random random = new Random(3);
        double[][] x = new double[300][5];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = random.nextGaussian() * (j + 1);
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-x[i][1])) ? 1 : 0;
        }
        PenalisedLogLikelihood stopped = new PenalisedLogLikelihood(x, y, 0.1);
        double[] w = new double[6];
        BFGS.minimize(stopped, 5, w, 1e-12, 3);

        assertThat(stopped.iterations()).isEqualTo(3);
        assertThat(stopped.relativeGradientNorm(w)).isGreaterThan(1e-6);
        assertThat(stopped.iterations())
                .as("checking the gradient is not an iteration")
                .isEqualTo(3);
    }
}
