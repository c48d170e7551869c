package io.creditscoring.drift.window;

import java.time.Instant;

/**
 * Discrimination on a window's matured outcomes, compared with the model's AUC on its test split.
 *
 * @param maturedRows window events with an outcome
 * @param defaults defaults among them
 * @param auc AUC on the matured rows
 * @param ks KS separation on the matured rows
 * @param modelAuc the model's test AUC from the registry (null when the registry has none)
 * @param aucDrop modelAuc - auc (null without modelAuc)
 * @param degraded whether the drop reached the threshold
 * @param evaluatedAt when this was computed
 */
public record WindowPerformance(
        int maturedRows,
        int defaults,
        double auc,
        double ks,
        Double modelAuc,
        Double aucDrop,
        boolean degraded,
        Instant evaluatedAt) {}
