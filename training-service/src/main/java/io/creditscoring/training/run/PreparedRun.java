package io.creditscoring.training.run;

import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.TrainingSet;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.PreparedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every model of a run shares once the data is prepared: the schema version, settings and parameters, the
 * training set (and the window of recent outcomes it was read from, for a retrain; else null) with its split, the fitted preprocessing (on all training rows, for the refit), the cross-validation
 * folds of the training rows, and the step timings so far (filled in as the run goes).
 */
record PreparedRun(
        UUID runId,
        RegisteredPortfolio registered,
        RunSettings settings,
        Map<String, String> params,
        TrainingSet set,
        TrainingWindow window,
        DataSplit split,
        FittedPreprocessing preprocessing,
        List<InformationValue> iv,
        PreparedData data,
        CrossValidationFolds folds,
        Map<String, Double> timings,
        long startedNanos) {

    /** Where the models come from, as recorded in every artifact's metadata and the registry. */
    Map<String, String> lineage() {
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("runId", runId.toString());
        lineage.put("portfolio", registered.schema().portfolio());
        lineage.put("schemaVersion", Integer.toString(registered.version()));
        lineage.put("trainingSetSha256", set.sha256());
        lineage.put("trainingSetRows", Integer.toString(set.size()));
        if (window != null) {
            lineage.put("trainingWindowFrom", window.from().toString());
            lineage.put("trainingWindowTo", window.to().toString());
        }
        lineage.put("trainingRows", Integer.toString(split.train().size()));
        lineage.put("folds", Integer.toString(settings.crossValidation().folds()));
        lineage.put("testRows", Integer.toString(split.test().size()));
        lineage.put("split", split.kind());
        lineage.put("seed", Long.toString(settings.seed()));
        LibraryVersions.all().forEach((k, v) -> lineage.put("version." + k, v));
        return lineage;
    }
}
