package io.creditscoring.training.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of the run list ({@code GET /v1/training-runs}): what was asked, how it ended, and the selected model's
 * version and test AUC; the whole run is {@code GET /v1/training-runs/{runId}}.
 *
 * @param algorithms the algorithms the run was asked to train
 * @param overrides the parameter overrides it was started with, by flat name
 * @param selectedAuc the selected model's test-split AUC (null until a model was selected)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSummary(
        UUID runId,
        String portfolio,
        RunStatus status,
        String reason,
        String engine,
        String requestedBy,
        List<String> algorithms,
        Map<String, Object> overrides,
        String selectedAlgorithm,
        Integer selectedModelVersion,
        Double selectedAuc,
        String failureReason,
        Instant createdAt,
        Instant finishedAt) {}
