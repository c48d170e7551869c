/**
 * A fitted model pipeline written down as plain numbers, the contract between training (which fits it), the ONNX
 * exporters (which turn it into a graph) and scoring (which explains decisions with it).
 *
 * <p>The pipeline maps a portfolio's raw feature values to a probability of default in two stages:
 *
 * <ol>
 *   <li>{@link io.creditscoring.pipeline.Preprocessing}: each model input feature becomes one or more columns of
 *       the model vector, in the order the transforms are listed;
 *   <li>{@link io.creditscoring.pipeline.ModelSpec}: a linear model, a tree ensemble or a dense neural network
 *       maps that vector to a margin (log-odds), and the logistic function to a probability;
 *   <li>optionally a {@link io.creditscoring.pipeline.Calibration} (Platt scaling) that maps the margin to the
 *       calibrated probability instead.
 * </ol>
 *
 * No Smile or xgboost4j types appear here, so that the scoring path stays free of GPL code.
 */
package io.creditscoring.pipeline;
