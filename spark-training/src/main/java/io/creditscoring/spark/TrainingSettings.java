package io.creditscoring.spark;

/**
 * The settings this job shares with the local engine (training-service's {@code training.*}), same meaning and
 * defaults, so that one run's parameters mean the same on either engine.
 *
 * @param seed the split's seed
 * @param validationShare share of each class held out for validation
 * @param testShare share of each class held out for the test
 * @param nearConstantShare a feature whose most frequent value covers this share of training rows is dropped
 * @param minCategoryRows a category seen in fewer training rows gets no column
 * @param logisticRegressionLambda the L2 penalty on the summed negative log-likelihood (intercept unpenalised)
 * @param logisticRegressionMaxIterations Spark's L-BFGS iteration limit
 * @param logisticRegressionTolerance Spark's L-BFGS convergence tolerance
 * @param xgboost XGBoost's settings
 */
public record TrainingSettings(
        long seed,
        double validationShare,
        double testShare,
        double nearConstantShare,
        int minCategoryRows,
        double logisticRegressionLambda,
        int logisticRegressionMaxIterations,
        double logisticRegressionTolerance,
        XgboostSettings xgboost) {}
