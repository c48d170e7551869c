package io.creditscoring.training.report;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.selection.IterationCap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the HTML comparison report of a run shows; {@code trainingWindow} describes the recent outcomes a retrain
 * read (null: every labelled application).
 */
public record ComparisonReport(
        UUID runId,
        String portfolio,
        int schemaVersion,
        String datasetSha256,
        int datasetRows,
        int datasetDefaults,
        String trainingWindow,
        Split split,
        int[] testLabels,
        FittedPreprocessing preprocessing,
        List<InformationValue> informationValues,
        List<ModelSection> models,
        Algorithm selected,
        SelectionRule selection,
        int calibrationBins,
        Map<String, String> params,
        Map<String, String> versions,
        Map<String, Double> timingsMs) {

    /**
     * The split of the labelled rows.
     *
     * @param kind STRATIFIED or OUT_OF_TIME
     * @param note how the split was made
     * @param ivRows the training rows the information values were computed on: all of them (a Spark run's job counts
     *     them all), or, when a Spark job built before it did wrote no counts, the seeded sample of them it wrote
     *     ({@code training.spark.sample-size})
     */
    public record Split(String kind, String note, int trainRows, int testRows, int ivRows) {}

    /**
     * How the model was selected.
     *
     * @param folds cross-validation folds of the training rows
     * @param standardErrors how many standard errors below the best mean a simpler model may be
     * @param best the algorithm with the best mean fold AUC, or null
     * @param threshold the least mean fold AUC that could be selected (NaN without a selection)
     */
    public record SelectionRule(int folds, double standardErrors, Algorithm best, double threshold) {}

    /**
     * One model's part of the report.
     *
     * @param testProbabilities the model's probabilities on the test rows, calibrated when it is
     * @param uncalibratedTestProbabilities the same before calibration
     * @param ece the expected calibration error of the test probabilities
     * @param eceUncalibrated the same before calibration
     * @param calibrated whether the model's pipeline carries a calibration
     */
    public record ModelSection(
            Algorithm algorithm,
            ModelMetrics metrics,
            double cvAuc,
            double cvAucStandardError,
            double[] testProbabilities,
            double[] uncalibratedTestProbabilities,
            double ece,
            double eceUncalibrated,
            boolean calibrated,
            Map<String, Double> featureImportance,
            String importanceKind,
            Map<String, String> details,
            List<TrialRow> trials,
            String searchStoppedBy) {

        /** Whether any trial's folds ran to the iteration cap (the report then says what to raise). */
        public boolean anyTrialReachedIterationCap() {
            return trials.stream().anyMatch(t -> Boolean.TRUE.equals(t.reachedIterationCap()));
        }

        /** The setting that caps this algorithm's iterations. */
        public String iterationCapSetting() {
            return IterationCap.capSetting(algorithm);
        }
    }

    /**
     * One trial of the model's hyper-parameter search.
     *
     * @param reachedIterationCap whether a fold ran to the iteration cap without stopping early (null without
     *     iterations)
     */
    public record TrialRow(
            int number,
            String values,
            double meanAuc,
            double standardError,
            double[] foldAucs,
            int iterations,
            Boolean reachedIterationCap,
            double seconds,
            boolean best) {}
}
