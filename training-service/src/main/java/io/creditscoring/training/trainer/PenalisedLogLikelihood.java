package io.creditscoring.training.trainer;

import java.util.Arrays;
import smile.math.DifferentiableMultivariateFunction;

/**
 * The objective of L2-regularised logistic regression, as Smile's {@code LogisticRegression.binomial} minimises it,
 * written out so that the fit can be watched (Smile reports neither iterations nor gradient):
 *
 * <pre>F(w) = Σ_i [log(1 + e^(m_i)) − y_i·m_i] + λ/2 · Σ_j w_j²,   m_i = Σ_j w_j·x_ij + b</pre>
 *
 * <p>over the coefficients {@code w = (w_1 … w_p, b)}, the intercept last and not penalised, as Smile keeps them.
 * Smile's L-BFGS evaluates the gradient once at the start and once per iteration, so counting gradient
 * evaluations counts iterations. Single-threaded: deterministic for the same rows, and the fit is a fraction of a
 * training run.
 */
final class PenalisedLogLikelihood implements DifferentiableMultivariateFunction {

    private final double[][] x;
    private final int[] y;
    private final double lambda;
    private final int p;
    private int gradientEvaluations;

    PenalisedLogLikelihood(double[][] x, int[] y, double lambda) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row: " + x.length
                    + " rows, " + y.length + " labels");
        }
        this.x = x;
        this.y = y;
        this.lambda = lambda;
        this.p = x[0].length;
    }

    @Override
    public double f(double[] w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double m = margin(w, x[i]);
            sum += log1pExp(m) - y[i] * m;
        }
        return sum + penalty(w);
    }

    @Override
    public double g(double[] w, double[] gradient) {
        gradientEvaluations++;
        Arrays.fill(gradient, 0);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double m = margin(w, row);
            sum += log1pExp(m) - y[i] * m;
            double residual = sigmoid(m) - y[i];
            for (int j = 0; j < p; j++) {
                gradient[j] += residual * row[j];
            }
            gradient[p] += residual;
        }
        for (int j = 0; j < p; j++) {
            gradient[j] += lambda * w[j];
        }
        return sum + penalty(w);
    }

    /** L-BFGS iterations so far: gradient evaluations after the first. */
    int iterations() {
        return Math.max(0, gradientEvaluations - 1);
    }

    /**
     * The gradient norm that Smile's L-BFGS compares with its tolerance to decide convergence: the largest
     * {@code |∂F/∂w_j| · max(|w_j|, 1)}, relative to {@code max(F, 1)}; scale-free in the number of rows.
     */
    double relativeGradientNorm(double[] w) {
        double[] gradient = new double[w.length];
        double value = g(w, gradient);
        gradientEvaluations--; // a check, not an iteration
        double largest = 0;
        for (int j = 0; j < w.length; j++) {
            largest = Math.max(largest, Math.abs(gradient[j]) * Math.max(Math.abs(w[j]), 1));
        }
        return largest / Math.max(value, 1);
    }

    private double margin(double[] w, double[] row) {
        double m = w[p];
        for (int j = 0; j < p; j++) {
            m += w[j] * row[j];
        }
        return m;
    }

    private double penalty(double[] w) {
        double squares = 0;
        for (int j = 0; j < p; j++) {
            squares += w[j] * w[j];
        }
        return 0.5 * lambda * squares;
    }

    /** log(1 + e^m) without overflow for large m. */
    private static double log1pExp(double m) {
        return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    }

    private static double sigmoid(double m) {
        if (m >= 0) {
            return 1 / (1 + Math.exp(-m));
        }
        double e = Math.exp(m);
        return e / (1 + e);
    }
}
