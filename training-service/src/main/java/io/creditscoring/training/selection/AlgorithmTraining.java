package io.creditscoring.training.selection;

import io.creditscoring.metrics.CalibrationError;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.calibration.ProbabilityCalibrator;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.FittedModel;
import io.creditscoring.training.trainer.ModelTrainer;
import io.creditscoring.training.trainer.PreparedData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One algorithm's way through a run, from the folds to the test metrics: search its settings by cross-validation,
 * refit the best trial on all training rows (with the iterations its folds' early stopping kept), calibrate on the best
 * trial's out-of-fold predictions, and evaluate once on the test rows. Neither the database nor the registry is
 * involved: the run tracks and publishes what this returns, and the quality benchmark calls it directly.
 */
public final class AlgorithmTraining {

    private AlgorithmTraining() {}

    /**
     * What came out of it.
     *
     * @param fitted the best trial refitted on all training rows (the library's own, uncalibrated probabilities)
     * @param calibration the calibration and the calibrated out-of-fold and test probabilities
     * @param metrics the test metrics of the calibrated probabilities
     * @param eceUncalibrated the expected calibration error on the test rows before calibration
     * @param ece the same after calibration
     * @param details facts about the fit, the search and the calibration, for tracking
     */
    public record Outcome(
            HyperparameterSearch.Result search,
            FittedModel fitted,
            ProbabilityCalibrator.Result calibration,
            ModelMetrics metrics,
            double eceUncalibrated,
            double ece,
            Map<String, String> details,
            double searchMs,
            double refitMs) {

        public Algorithm algorithm() {
            return search.algorithm();
        }

        public HyperparameterSearch.Trial best() {
            return search.best();
        }
    }

    /**
     * @param data all training rows to refit on, and the test rows
     * @param fixed the parameters the run set itself, which the search leaves alone
     */
    public static Outcome train(
            ModelTrainer trainer,
            CrossValidationFolds folds,
            PreparedData data,
            RunSettings settings,
            Set<String> fixed) {
        long t = System.nanoTime();
        HyperparameterSearch.Result search = HyperparameterSearch.run(trainer, folds, settings, fixed);
        double searchMs = (System.nanoTime() - t) / 1e6;
        HyperparameterSearch.Trial best = search.best();
        CrossValidationScore cv = best.score();

        t = System.nanoTime();
        FittedModel fitted = trainer.fit(data.withSettings(best.settings()), cv.iterations());
        double refitMs = (System.nanoTime() - t) / 1e6;

        return evaluate(search, fitted, folds.labels(), data.yTest(), settings, searchMs, refitMs);
    }

    /**
     * The steps after the refit, for a model fitted by any engine: calibrate on the best trial's out-of-fold
     * probabilities, evaluate once on the test rows.
     *
     * @param labels the outcomes of the training rows, in the order of the out-of-fold probabilities
     * @param yTest the outcomes of the test rows, in the order of {@code fitted.testProbabilities()}
     */
    public static Outcome evaluate(
            HyperparameterSearch.Result search,
            FittedModel fitted,
            int[] labels,
            int[] yTest,
            RunSettings settings,
            double searchMs,
            double refitMs) {
        HyperparameterSearch.Trial best = search.best();
        CrossValidationScore cv = best.score();
        ProbabilityCalibrator.Result calibration = ProbabilityCalibrator.calibrate(
                settings.calibration().method(), cv.outOfFold(), labels, fitted.testProbabilities());
        Double configured = settings.evaluation().threshold();
        double threshold =
                configured != null ? configured : Metrics.f1OptimalThreshold(labels, calibration.outOfFold());
        ModelMetrics metrics = Metrics.evaluate(yTest, calibration.test(), threshold);
        int bins = settings.calibration().bins();
        double eceUncalibrated =
                CalibrationError.of(fitted.testProbabilities(), yTest, bins).expected();
        double ece = CalibrationError.of(calibration.test(), yTest, bins).expected();

        Map<String, String> details = new LinkedHashMap<>(fitted.details());
        details.put("cv.trial", Integer.toString(best.number()));
        details.put("cv.trials", Integer.toString(search.trials().size()));
        details.put("cv.folds", Integer.toString(cv.foldAucs().length));
        details.put("cv.meanAuc", Double.toString(cv.meanAuc()));
        details.put("cv.standardError", Double.toString(cv.standardError()));
        if (cv.iterations() > 0) {
            details.put("cv.foldIterations", Arrays.toString(cv.foldIterations()));
        }
        if (search.stoppedBy() != null) {
            details.put("cv.searchStoppedBy", search.stoppedBy());
        }
        details.put("calibration", calibration.note());
        return new Outcome(
                search, fitted, calibration, metrics, eceUncalibrated, ece, Map.copyOf(details), searchMs, refitMs);
    }
}
