package io.creditscoring.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.LogisticRegressionTrainingSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Logistic regression with Spark MLlib, on the local engine's objective: the summed negative log-likelihood plus
 * {@code lambda/2 * |w|^2}, intercept unpenalised. MLlib minimises the mean loss plus {@code regParam/2 * |w|^2},
 * so {@code regParam = lambda / n} gives the same minimum; its own standardisation is turned off because the inputs
 * are already scaled and it would move the penalty onto other coefficients.
 */
public final class LogisticRegressionFit {

    private LogisticRegressionFit() {}

    /** The fitted weights and intercept, with facts about the fit. */
    public record Result(
            double[] weights, double intercept, LogisticRegressionModel model, Map<String, String> details) {}

    public static Result fit(Dataset<Row> train, long n, TrainingSettings settings) {
        double lambda = settings.logisticRegressionLambda();
        LogisticRegression lr = new LogisticRegression()
                .setFamily("binomial")
                .setLabelCol(LabelledRowsReader.LABEL)
                .setFeaturesCol(ModelVectors.FEATURES)
                .setFitIntercept(true)
                .setStandardization(false)
                .setElasticNetParam(0.0)
                .setRegParam(lambda / n)
                .setMaxIter(settings.logisticRegressionMaxIterations())
                .setTol(settings.logisticRegressionTolerance());
        LogisticRegressionModel model = lr.fit(train);
        LogisticRegressionTrainingSummary summary = model.summary();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("lambda", Double.toString(lambda));
        details.put("regParam", Double.toString(lambda / n));
        details.put("iterations", Integer.toString(summary.totalIterations()));
        details.put("maxIterations", Integer.toString(settings.logisticRegressionMaxIterations()));
        details.put(
                "converged", Boolean.toString(summary.totalIterations() < settings.logisticRegressionMaxIterations()));
        details.put("tolerance", Double.toString(settings.logisticRegressionTolerance()));
        return new Result(model.coefficients().toArray(), model.intercept(), model, details);
    }
}
