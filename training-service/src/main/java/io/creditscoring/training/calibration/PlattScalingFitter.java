package io.creditscoring.training.calibration;

import io.creditscoring.pipeline.PlattScaling;
import java.util.Optional;

/**
 * Fits Platt scaling, {@code p = 1 / (1 + exp(-(a m + b)))} on model margins {@code m}, by maximum likelihood with
 * Platt's smoothed targets ({@code (N+ + 1) / (N+ + 2)} for a default, {@code 1 / (N- + 2)} otherwise, which keeps
 * the fit finite on separable data) and Newton's method with a backtracking line search, as in Lin, Lin and Weng,
 * "A note on Platt's probabilistic outputs for support vector machines" (2007); the same objective as scikit-learn's
 * {@code CalibratedClassifierCV(method="sigmoid")}. The margins are out-of-fold: every row is scored by a model that
 * did not see it.
 */
public final class PlattScalingFitter {

    private static final int MAX_ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;
    /** Keeps the Hessian positive definite when every margin is equal. */
    private static final double RIDGE = 1e-12;

    private PlattScalingFitter() {}

    /**
     * The fitted scaling, or empty when it would not keep the model's ranking (a slope that is not positive: the
     * margins carry no usable signal) or cannot be fitted (no rows, one outcome only).
     */
    public static Optional<PlattScaling> fit(double[] margins, int[] outcomes) {
        int n = margins.length;
        int positives = 0;
        for (int y : outcomes) {
            positives += y;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Optional.empty();
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = outcomes[i] == 1 ? high : low;
        }
        double a = 1;
        double b = 0;
        double value = objective(margins, target, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * margins[i] + b);
                double d = p - target[i];
                double w = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-9 * n && Math.abs(gb) < 1e-9 * n) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(-hab * ga + haa * gb) / det;
            double gradientAlongStep = ga * da + gb * db;
            double step = 1;
            while (step >= MIN_STEP) {
                double candidate = objective(margins, target, a + step * da, b + step * db);
                if (candidate <= value + 1e-4 * step * gradientAlongStep) {
                    a += step * da;
                    b += step * db;
                    value = candidate;
                    break;
                }
                step /= 2;
            }
            if (step < MIN_STEP) {
                break;
            }
        }
        if (!(a > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return Optional.empty();
        }
        return Optional.of(new PlattScaling(a, b));
    }

    /** The model margin behind a library's probability: its log-odds, the probability kept off 0 and 1. */
    public static double margin(double probability) {
        double p = Math.min(1 - 1e-15, Math.max(1e-15, probability));
        return Math.log(p / (1 - p));
    }

    /** Cross-entropy of the targets under {@code sigmoid(a m + b)}, summed, computed without overflow. */
    private static double objective(double[] margins, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < margins.length; i++) {
            double z = a * margins[i] + b;
            // -[t log s(z) + (1 - t) log(1 - s(z))] = log(1 + e^z) - t z
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - target[i] * z;
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
