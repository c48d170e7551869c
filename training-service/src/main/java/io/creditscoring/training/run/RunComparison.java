package io.creditscoring.training.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.creditscoring.metrics.ProbabilityMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two or more runs side by side ({@code GET /v1/training-runs/compare}), in the order asked: each model's test
 * metrics and its ROC and KS curves on its own run's test split. Runs with the same {@code testIdsSha256} were
 * evaluated on the same applications, so their metrics compare like for like.
 */
public record RunComparison(List<ComparedRun> runs) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ComparedRun(
            UUID runId,
            String portfolio,
            RunStatus status,
            String engine,
            Integer testRows,
            String datasetSha256,
            String testIdsSha256,
            String selectedAlgorithm,
            Integer selectedModelVersion,
            Instant createdAt,
            List<ComparedModel> models) {}

    /**
     * One model of a compared run.
     *
     * @param selected whether the run selected this model
     * @param metrics the test-split metrics, as in the run view
     * @param roc the ROC curve on the test split; null for a run trained before curves were stored
     * @param ks the KS curve on the test split (null likewise)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ComparedModel(
            String algorithm,
            Integer modelVersion,
            boolean selected,
            Map<String, Double> metrics,
            Double cvAuc,
            List<ProbabilityMetrics.RocPoint> roc,
            KsCurve ks) {}

    /**
     * @param points cumulative shares of all rows, defaulters and non-defaulters by rising probability
     * @param widest the point of largest separation: its gap is the KS
     */
    public record KsCurve(List<ProbabilityMetrics.KsPoint> points, ProbabilityMetrics.KsPoint widest) {}
}
