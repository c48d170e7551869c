package io.creditscoring.scoring.score;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Request shapes of the scoring endpoints, for the OpenAPI documentation (bodies are read as JSON trees). */
final class ScoreRequests {

    private ScoreRequests() {}

    @Schema(name = "ScoreRequest", description = "One application of the portfolio")
    record Single(
            @Schema(description = "The caller's application id, echoed and used as the event key", example = "app-42")
            String applicationId,

            @Schema(
                    description = "Raw feature values by the schema's feature names: numbers for numeric"
                            + " features, strings (or integers) for categorical ones",
                    example = "{\"LIMIT_BAL\": 50000, \"EDUCATION\": \"2\", \"PAY_0\": 1}")
            Map<String, Object> features,

            @Schema(description = "Give reasons for an APPROVE too (they are always given for REFER and DECLINE)")
            Boolean includeReasons) {}

    @Schema(name = "BatchScoreRequest", description = "Applications scored by one model version, answered in order")
    record Batch(
            @Schema(description = "At most scoring.max-batch-size applications (1,000 by default)")
            List<Single> applications,

            @Schema(description = "Give reasons for APPROVE decisions too")
            Boolean includeReasons) {}

    record BatchResult(List<ScoreResult> results) {}
}
