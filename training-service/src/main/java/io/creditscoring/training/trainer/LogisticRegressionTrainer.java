package io.creditscoring.training.trainer;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.Preprocessing;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import smile.classification.LogisticRegression;
import smile.math.BFGS;
import smile.util.IntSet;

/**
 * L2-regularised logistic regression on the scaled preprocessing: Smile's L-BFGS minimises the penalised negative
 * log-likelihood ({@link PenalisedLogLikelihood}, the objective of Smile's {@code LogisticRegression.binomial}) and
 * the coefficients become a Smile {@code LogisticRegression.Binomial}. Minimising it here rather than through
 * {@code binomial} gives the run what Smile does not report (iterations, final gradient norm, whether the fit
 * converged) and a longer L-BFGS history than {@code binomial}'s fixed 5 pairs, with which the fit ran out of its
 * 200 iterations on Taiwan (305 needed); with {@value #LBFGS_HISTORY} it converges in about 80 on both bundled
 * portfolios. The reading of the coefficients' layout is checked against Smile's own probabilities on the first
 * training rows, so a change of layout in a Smile upgrade fails loudly.
 */
@Component
class LogisticRegressionTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(LogisticRegressionTrainer.class);

    /** Correction pairs L-BFGS keeps: about the number of columns of a bundled portfolio, cheap next to a pass. */
    static final int LBFGS_HISTORY = 30;

    @Override
    public Algorithm algorithm() {
        return Algorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public FoldFit fitFold(PreparedData fold) {
        Fit fit = fitOn(fold);
        return new FoldFit(probabilities(fit.lr(), fold.scaled().heldOut()), 0, fit.details());
    }

    @Override
    public FittedModel fit(PreparedData data, int iterations) {
        Fit fit = fitOn(data);
        PreparedData.Matrices m = data.scaled();
        LinearModel model = linearModel(fit.lr(), m.train());
        return new FittedModel(
                algorithm(),
                m.preprocessing(),
                model,
                probabilities(fit.lr(), m.test()),
                importance(m.preprocessing(), model),
                "|coefficient| on standardised inputs",
                fit.details());
    }

    private record Fit(LogisticRegression.Binomial lr, Map<String, String> details) {}

    private Fit fitOn(PreparedData data) {
        PreparedData.Matrices m = data.scaled();
        var settings = data.settings().logisticRegression();
        double lambda = settings.lambda();
        long started = System.nanoTime();
        PenalisedLogLikelihood objective = new PenalisedLogLikelihood(m.train(), data.yTrain(), lambda);
        double[] coefficients = new double[m.preprocessing().width() + 1]; // the weights, then the intercept
        double minimum =
                BFGS.minimize(objective, LBFGS_HISTORY, coefficients, settings.tolerance(), settings.maxIterations());
        int iterations = objective.iterations();
        double gradientNorm = objective.relativeGradientNorm(coefficients);
        boolean converged = gradientNorm < settings.tolerance();
        LogisticRegression.Binomial lr = new LogisticRegression.Binomial(coefficients, -minimum, lambda, IntSet.of(2));
        log.debug(
                "Logistic regression fitted on {} rows x {} columns in {} ms: {} in {} L-BFGS iterations,"
                        + " gradient norm {}",
                m.train().length,
                m.preprocessing().width(),
                (System.nanoTime() - started) / 1_000_000,
                converged ? "converged" : "NOT converged",
                iterations,
                gradientNorm);
        if (!converged) {
            log.warn(
                    "Logistic regression did not converge within logisticRegression.maxIterations = {}: gradient norm"
                            + " {} is above logisticRegression.tolerance = {}; the run records it",
                    settings.maxIterations(),
                    gradientNorm,
                    settings.tolerance());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("lambda", Double.toString(lambda));
        details.put("logLikelihood", Double.toString(lr.loglikelihood()));
        details.put("converged", Boolean.toString(converged));
        details.put("iterations", Integer.toString(iterations));
        details.put("maxIterations", Integer.toString(settings.maxIterations()));
        details.put("gradientNorm", Double.toString(gradientNorm));
        details.put("tolerance", Double.toString(settings.tolerance()));
        return new Fit(lr, details);
    }

    /** Reads the coefficients, working out where Smile keeps the intercept by matching its own probabilities. */
    static LinearModel linearModel(LogisticRegression.Binomial lr, double[][] rows) {
        double[] c = lr.coefficients();
        int p = c.length - 1;
        LinearModel interceptFirst = new LinearModel(Arrays.copyOfRange(c, 1, c.length), c[0]);
        LinearModel interceptLast = new LinearModel(Arrays.copyOf(c, p), c[p]);
        for (LinearModel candidate : List.of(interceptFirst, interceptLast)) {
            if (matches(candidate, lr, rows)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot read Smile's logistic regression coefficients: neither layout"
                + " reproduces its probabilities");
    }

    private static boolean matches(LinearModel model, LogisticRegression.Binomial lr, double[][] rows) {
        double[] posterior = new double[2];
        for (int i = 0; i < Math.min(rows.length, 50); i++) {
            lr.predict(rows[i], posterior);
            double margin = model.intercept();
            for (int j = 0; j < rows[i].length; j++) {
                margin += model.weights()[j] * rows[i][j];
            }
            if (Math.abs(1 / (1 + Math.exp(-margin)) - posterior[1]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static double[] probabilities(LogisticRegression.Binomial lr, double[][] x) {
        double[] out = new double[x.length];
        double[] posterior = new double[2];
        for (int i = 0; i < x.length; i++) {
            lr.predict(x[i], posterior);
            out[i] = posterior[1];
        }
        return out;
    }

    private static Map<String, Double> importance(Preprocessing p, LinearModel model) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> columns = p.columnNames();
        for (int j = 0; j < columns.size(); j++) {
            out.put(columns.get(j), Math.abs(model.weights()[j]));
        }
        return out;
    }
}
