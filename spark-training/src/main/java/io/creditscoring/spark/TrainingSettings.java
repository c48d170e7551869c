package io.creditscoring.spark;

/**
 * The settings this job shares with the local engine (training-service's {@code training.*}), same meaning and
 * defaults, so that one run's parameters mean the same on either engine.
 *
 * @param seed the split's seed
 * @param testShare share of each class held out for the test (of all rows, for an out-of-time split)
 * @param outOfTime split by submission time (oldest rows train, newest test) when every row has one and they span
 *     {@code outOfTimeMinSpanDays}; else the stratified split, with a note saying why ({@link OutOfTimeSplit})
 * @param outOfTimeMinSpanDays the least span of submission times for an out-of-time split
 * @param folds cross-validation folds of the training rows
 * @param nearConstantShare a feature whose most frequent value covers this share of training rows is dropped
 * @param minCategoryRows a category seen in fewer training rows gets no column
 * @param ivBins quantile bins of a numeric feature in the report's information values ({@link
 *     InformationValueCounts})
 * @param logisticRegressionLambda the L2 penalty on the summed negative log-likelihood (intercept unpenalised)
 * @param logisticRegressionMaxIterations Spark's L-BFGS iteration limit
 * @param logisticRegressionTolerance Spark's L-BFGS convergence tolerance
 * @param xgboost XGBoost's settings
 * @param neuralNetwork the neural network's settings
 */
public record TrainingSettings(
        long seed,
        double testShare,
        boolean outOfTime,
        int outOfTimeMinSpanDays,
        int folds,
        double nearConstantShare,
        int minCategoryRows,
        int ivBins,
        double logisticRegressionLambda,
        int logisticRegressionMaxIterations,
        double logisticRegressionTolerance,
        XgboostSettings xgboost,
        NeuralNetworkSettings neuralNetwork) {}
