package io.creditscoring.training.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A training run as answered by {@code GET /v1/training-runs/{runId}}; {@code attempts} counts the times it was
 * started (a run interrupted by a stop or a crash is started again, up to {@code training.queue.max-attempts});
 * {@code promotionDecision} says what the promotion policy made of the selected model, and why.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunView(
        UUID runId,
        String portfolio,
        RunStatus status,
        String reason,
        String requestedBy,
        String commandId,
        Integer trainingRows,
        Integer validationRows,
        Integer testRows,
        List<ModelView> models,
        String selectedAlgorithm,
        Integer selectedModelVersion,
        String promotionDecision,
        String failureReason,
        int attempts,
        Lineage lineage,
        Map<String, Double> timingsMs,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** One model of the run; modelVersion and onnxParityMaxAbsDiff stay null until the registry has it. */
    public record ModelView(
            String algorithm,
            Integer modelVersion,
            Map<String, Double> metrics,
            Double validationAuc,
            Double onnxParityMaxAbsDiff) {}

    /** Which data the run read. */
    public record Lineage(Integer schemaVersion, String datasetSha256, Integer datasetRows, String splitKind) {}
}
