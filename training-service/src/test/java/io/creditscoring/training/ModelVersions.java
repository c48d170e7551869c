package io.creditscoring.training;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.NewModelVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small model versions registered straight into the registry, each test in a portfolio of its own. */
public final class ModelVersions {

    private ModelVersions() {}

    public static String newPortfolio() {
        return "models-api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a version whose artifact is a few bytes (not loadable as ONNX); answers its number. */
    public static int register(ModelRegistry registry, String portfolio, double auc) {
        int version = registry.reserveVersion(portfolio);
        var pipeline = new ModelPipeline(
                portfolio,
                Algorithm.LOGISTIC_REGRESSION,
                new Preprocessing(List.of(new NumericInput("duration", 18.0, 20.0, 12.0, false))),
                new LinearModel(new double[] {0.4}, -0.9),
                Map.of());
        registry.register(new NewModelVersion(
                portfolio,
                version,
                UUID.randomUUID(),
                onnx(portfolio, version),
                pipeline,
                BundledPortfolios.germanLoans(),
                1,
                Map.of("auc", auc),
                Map.of(),
                Map.of(),
                1e-8,
                List.of()));
        return version;
    }

    public static byte[] onnx(String portfolio, int version) {
        return ("artifact " + portfolio + " " + version).getBytes(StandardCharsets.UTF_8);
    }
}
