package io.creditscoring.training.evaluation;

import io.creditscoring.metrics.ProbabilityMetrics;
import java.util.List;

/** Every test-split metric of one model, with the points of its ROC curve. */
public record ModelMetrics(
        double auc,
        double gini,
        double ks,
        double brier,
        double logLoss,
        double f1,
        double precision,
        double recall,
        double threshold,
        Metrics.Confusion confusion,
        List<Metrics.CalibrationBin> calibration,
        List<ProbabilityMetrics.RocPoint> roc) {}
