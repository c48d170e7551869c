package io.creditscoring.registry;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Small model versions to register; every test uses its own portfolio so that tests do not see each other. */
final class RegistryFixtures {

    private static final AtomicInteger PORTFOLIOS = new AtomicInteger();

    private RegistryFixtures() {}

    static String newPortfolio() {
        return "registry-test-" + PORTFOLIOS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    static ModelPipeline pipeline(String portfolio) {
        return new ModelPipeline(
                portfolio,
                Algorithm.LOGISTIC_REGRESSION,
                new Preprocessing(List.of(
                        new NumericInput("duration", 18.0, 20.0, 12.0, false),
                        new CategoricalInput("checking_status", List.of("A11", "A12")))),
                new LinearModel(new double[] {0.4, 0.3, -0.2}, -0.9),
                Map.of("codeVersion", "abc1234"));
    }

    static NewModelVersion version(ModelRegistry registry, String portfolio, double auc) {
        int version = registry.reserveVersion(portfolio);
        return new NewModelVersion(
                portfolio,
                version,
                UUID.randomUUID(),
                ("onnx bytes of " + portfolio + " v" + version).getBytes(StandardCharsets.UTF_8),
                pipeline(portfolio),
                BundledPortfolios.germanLoans(),
                1,
                Map.of("auc", auc, "gini", 2 * auc - 1),
                Map.of("seed", 42, "maxIter", 500),
                Map.of("trainingSetSha256", "9f2c", "trainingRows", 800),
                3.2e-8,
                List.of(
                        new NewModelVersion.ReferenceRow(Map.of("duration", 24, "checking_status", "A11"), 0.31, true),
                        new NewModelVersion.ReferenceRow(Map.of("duration", 6, "checking_status", "A12"), 0.12, null)));
    }

    /** The same version without reference rows. */
    static NewModelVersion withoutReferenceRows(NewModelVersion m) {
        return new NewModelVersion(
                m.portfolio(),
                m.version(),
                m.runId(),
                m.onnx(),
                m.pipeline(),
                m.schema(),
                m.schemaVersion(),
                m.metrics(),
                m.params(),
                m.lineage(),
                m.parityMaxAbsDiff(),
                List.of());
    }
}
