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

/**
 * L2-regularised logistic regression (Smile, L-BFGS) on the scaled preprocessing. Smile's {@code coefficients()}
 * holds the intercept first, then one weight per column; the trainer checks that reading against Smile's own
 * probabilities on the first training rows, so a change of layout in a Smile upgrade fails loudly.
 */
@Component
class LogisticRegressionTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(LogisticRegressionTrainer.class);

    @Override
    public Algorithm algorithm() {
        return Algorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public FittedModel fit(PreparedData data) {
        PreparedData.Matrices m = data.scaled();
        var settings = data.settings().logisticRegression();
        double lambda = settings.lambda();
        long started = System.nanoTime();
        LogisticRegression.Binomial lr = LogisticRegression.binomial(
                m.train(), data.yTrain(), lambda, settings.tolerance(), settings.maxIterations());
        LinearModel model = linearModel(lr, m.train());
        log.info(
                "Logistic regression fitted on {} rows x {} columns in {} ms",
                m.train().length,
                m.preprocessing().width(),
                (System.nanoTime() - started) / 1_000_000);
        return new FittedModel(
                algorithm(),
                m.preprocessing(),
                model,
                probabilities(lr, m.validation()),
                probabilities(lr, m.test()),
                importance(m.preprocessing(), model),
                "|coefficient| on standardised inputs",
                Map.of("lambda", Double.toString(lambda), "logLikelihood", Double.toString(lr.loglikelihood())));
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
