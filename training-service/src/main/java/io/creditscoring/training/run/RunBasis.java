package io.creditscoring.training.run;

import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.training.dataset.TrainingWindow;
import io.creditscoring.training.settings.RunSettings;
import java.util.Map;
import java.util.UUID;

/**
 * What a run starts from, before it reads a row: the portfolio's schema (refused when it cannot be trained), the
 * settings with the run's overrides, and a retrain's window; the schema version and parameters are recorded.
 */
record RunBasis(
        UUID runId,
        RegisteredPortfolio registered,
        RunSettings settings,
        Map<String, String> params,
        TrainingWindow window,
        Map<String, Double> timings,
        long started) {}
