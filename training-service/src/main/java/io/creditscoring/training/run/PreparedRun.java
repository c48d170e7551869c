package io.creditscoring.training.run;

import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import io.creditscoring.training.report.ComparisonReport;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.PreparedData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every model of a run shares once the data is prepared: the schema version, settings and parameters, the
 * training set's lineage (and the window of recent outcomes it was read from, for a retrain; else null) with its
 * split, the fitted preprocessing (on all training rows, for the refit), the test labels, the feature rows handed to
 * the publishers, the prepared vectors and cross-validation folds when this JVM trains (null for a Spark run), and the
 * step timings so far (filled in as the run goes).
 */
record PreparedRun(
        UUID runId,
        RegisteredPortfolio registered,
        RunSettings settings,
        Map<String, String> params,
        Dataset dataset,
        TrainingWindow window,
        ComparisonReport.Split split,
        FittedPreprocessing preprocessing,
        List<InformationValue> iv,
        int[] yTest,
        EvaluationRows evaluation,
        PreparedData data,
        CrossValidationFolds folds,
        Map<String, Double> timings,
        long startedNanos) {

    /**
     * The labelled rows read: their lineage hash and counts, and the hash of the test split's ids (which rows the
     * models were evaluated on; null from a Spark job built before it wrote it).
     */
    record Dataset(String sha256, int rows, int defaults, String testIdsSha256) {

        /** SHA-256 over application ids, one per line, in order (the Spark job hashes its test split the same way). */
        static String idsSha256(List<String> ids) {
            MessageDigest digest = newDigest();
            for (String id : ids) {
                digest.update((id + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /**
     * The feature rows the publishers get (the ONNX parity gate and the champion's comparison on test rows, the drift
     * reference sample from training rows): every row for the local engine, bounded seeded samples for a Spark run.
     *
     * @param testIndices each test row's index in the test split's row order; null when they are the whole split
     */
    record EvaluationRows(
            List<String> testIds,
            List<Map<String, Object>> testRows,
            int[] testIndices,
            List<Map<String, Object>> trainingRows) {

        /** {@code values} of the whole test split, restricted to these test rows. */
        double[] test(double[] values) {
            if (testIndices == null) {
                return values;
            }
            return Arrays.stream(testIndices).mapToDouble(i -> values[i]).toArray();
        }

        int[] test(int[] values) {
            if (testIndices == null) {
                return values;
            }
            return Arrays.stream(testIndices).map(i -> values[i]).toArray();
        }
    }

    /** Where the models come from, as recorded in every artifact's metadata and the registry. */
    Map<String, String> lineage() {
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("runId", runId.toString());
        lineage.put("portfolio", registered.schema().portfolio());
        lineage.put("schemaVersion", Integer.toString(registered.version()));
        lineage.put("trainingSetSha256", dataset.sha256());
        lineage.put("trainingSetRows", Integer.toString(dataset.rows()));
        if (window != null) {
            lineage.put("trainingWindowFrom", window.from().toString());
            lineage.put("trainingWindowTo", window.to().toString());
        }
        lineage.put("trainingRows", Integer.toString(split.trainRows()));
        lineage.put("folds", Integer.toString(settings.crossValidation().folds()));
        lineage.put("testRows", Integer.toString(split.testRows()));
        if (dataset.testIdsSha256() != null) {
            lineage.put("testIdsSha256", dataset.testIdsSha256());
        }
        lineage.put("split", split.kind());
        lineage.put("seed", Long.toString(settings.seed()));
        LibraryVersions.all().forEach((k, v) -> lineage.put("version." + k, v));
        return lineage;
    }
}
