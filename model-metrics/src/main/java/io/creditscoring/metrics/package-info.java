/**
 * Metrics of predicted probabilities of default against observed outcomes, in one place for every module that
 * measures a model: training (test and validation splits, champion re-evaluation), drift monitoring (matured
 * outcomes) and the HTML reports (ROC and KS charts). Plain Java without dependencies, and deliberately not part of
 * {@code model-pipeline}, which the scoring path imports: scoring never measures a model.
 */
package io.creditscoring.metrics;
