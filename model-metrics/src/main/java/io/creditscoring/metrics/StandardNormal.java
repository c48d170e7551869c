package io.creditscoring.metrics;

/**
 * Tail probabilities of the standard normal distribution, for the p-values of this module's tests (the module
 * has no dependencies). {@code P(Z > z) = erfc(z / sqrt 2) / 2}, with erfc from two expansions that need no
 * subtraction of nearly equal numbers: below 2 the series {@code erf x = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) /
 * (1*3*...*(2n+1))} (all terms positive), from 2 on the continued fraction {@code erfc x = e^(-x^2)/sqrt(pi) /
 * (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}, evaluated by the modified Lentz method. Relative error about
 * 1e-14 over the range p-values need.
 */
final class StandardNormal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double TINY = 1e-300;

    private StandardNormal() {}

    /** P(Z > z). */
    static double upperTail(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return z >= 0 ? erfc(z / Math.sqrt(2)) / 2 : 1 - erfc(-z / Math.sqrt(2)) / 2;
    }

    /** P(|Z| > |z|), the two-sided p-value of a z statistic. */
    static double twoSided(double z) {
        return Math.min(1, 2 * upperTail(Math.abs(z)));
    }

    /** The complementary error function for x >= 0. */
    static double erfc(double x) {
        if (x < 2) {
            return 1 - erfSeries(x);
        }
        if (x > 27) {
            return 0; // below the smallest double
        }
        return Math.exp(-x * x) / SQRT_PI / continuedFraction(x);
    }

    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...))) by the modified Lentz method. */
    private static double continuedFraction(double x) {
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < TINY ? 1 / TINY : 1 / d;
            c = x + a / c;
            c = Math.abs(c) < TINY ? TINY : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }
}
