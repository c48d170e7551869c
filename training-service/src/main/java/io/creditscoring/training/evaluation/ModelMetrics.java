package io.creditscoring.training.evaluation;

import java.util.List;

/** Every test-split metric of one model; {@code roc} holds (false positive rate, true positive rate) points. */
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
        List<double[]> roc) {}
