package io.creditscoring.training.report;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything the HTML comparison report of a run shows. */
public record ComparisonReport(
        UUID runId,
        String portfolio,
        int schemaVersion,
        String datasetSha256,
        int datasetRows,
        int datasetDefaults,
        DataSplit split,
        int[] testLabels,
        FittedPreprocessing preprocessing,
        List<InformationValue> informationValues,
        List<ModelSection> models,
        Algorithm selected,
        double selectionMargin,
        Map<String, String> params,
        Map<String, String> versions,
        Map<String, Double> timingsMs) {

    /** One model's part of the report. */
    public record ModelSection(
            Algorithm algorithm,
            ModelMetrics metrics,
            double validationAuc,
            double[] testProbabilities,
            Map<String, Double> featureImportance,
            String importanceKind,
            Map<String, String> details) {}
}
