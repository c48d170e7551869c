package io.creditscoring.registry;

import io.creditscoring.model.events.Algorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A model version as listed: no artifact bytes.
 *
 * @param aliases the aliases it holds now ({@code champion}, {@code challenger})
 */
public record ModelVersionSummary(
        String portfolio,
        int version,
        Algorithm algorithm,
        UUID runId,
        Map<String, Double> metrics,
        List<String> aliases,
        String onnxSha256,
        int schemaVersion,
        double parityMaxAbsDiff,
        Instant createdAt) {}
