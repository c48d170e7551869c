package io.creditscoring.drift.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.NewModelVersion;
import io.creditscoring.registry.NewModelVersion.ReferenceRow;
import io.creditscoring.registry.RegistrySchemaMigration;
import io.creditscoring.testsupport.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Prepared references read through the model registry from a real PostgreSQL, and their bounded cache. */
class ModelReferencesTest {

    private static ModelRegistry registry;

    @BeforeAll
    static void migrate() {
        new RegistrySchemaMigration(SharedPostgres.dataSource());
        registry = new ModelRegistry(SharedPostgres.dataSource());
    }

    @Test
    void preparesAVersionsReferenceFromTheRegistryOnceAndKeepsIt() {
        String portfolio = newPortfolio();
        int version = register(portfolio, Map.of("auc", 0.77), 3);
        ModelReferences references = references(Map.of());

        ModelReference reference = references.find(portfolio, version).orElseThrow();

        assertThat(reference.schema().portfolio()).isEqualTo("german-loans");
        assertThat(reference.testAuc()).isEqualTo(0.77);
        assertThat(reference.profile().rows()).isEqualTo(3);
        assertThat(reference.profile().sortedScores()).containsExactly(0.10, 0.20, 0.30);
        assertThat(reference.protectedBins()).containsKey("age");
        assertThat(references.find(portfolio, version)).containsSame(reference);
    }

    @Test
    void readsAtMostTheConfiguredReferenceRowsAndNoAucAsNaN() {
        String portfolio = newPortfolio();
        int version = register(portfolio, Map.of(), 3);

        ModelReference reference = references(Map.of("drift.reference-max-rows", "2"))
                .find(portfolio, version)
                .orElseThrow();

        assertThat(reference.profile().rows()).isEqualTo(2);
        assertThat(reference.profile().sortedScores()).containsExactly(0.10, 0.20);
        assertThat(reference.testAuc()).isNaN();
    }

    @Test
    void aVersionWithoutReferenceIsAskedForAgainUntilItIsRegistered() {
        String portfolio = newPortfolio();
        ModelReferences references = references(Map.of());

        assertThat(references.hasReference(portfolio, 1)).isFalse();
        assertThat(references.find(portfolio, 1)).isEmpty();
        int version = register(portfolio, Map.of("auc", 0.7), 2);

        assertThat(version).isEqualTo(1);
        assertThat(references.hasReference(portfolio, 1)).isTrue();
        assertThat(references.find(portfolio, 1)).isPresent();
        assertThat(references.hasReference(portfolio, 2)).isFalse();
    }

    @Test
    void keepsNoMorePreparedReferencesThanConfigured() {
        String portfolio = newPortfolio();
        int v1 = register(portfolio, Map.of("auc", 0.7), 2);
        int v2 = register(portfolio, Map.of("auc", 0.7), 2);
        int v3 = register(portfolio, Map.of("auc", 0.7), 2);
        ModelReferences references = references(Map.of("drift.reference-cache-size", "2"));

        for (int version : List.of(v1, v2, v3)) {
            assertThat(references.find(portfolio, version)).isPresent();
        }

        assertThat(references.preparedCount()).isEqualTo(2);
    }

    private static ModelReferences references(Map<String, String> settings) {
        DriftProperties properties =
                new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("drift", DriftProperties.class);
        return new ModelReferences(registry, properties);
    }

    private static String newPortfolio() {
        return "references-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a german-loans version whose reference rows score 0.10, 0.20, 0.30, ... in that order. */
    private static int register(String portfolio, Map<String, Double> metrics, int referenceRows) {
        int version = registry.reserveVersion(portfolio);
        List<ReferenceRow> rows = java.util.stream.IntStream.rangeClosed(1, referenceRows)
                .mapToObj(i -> new ReferenceRow(
                        Map.of("duration", 6 * i, "checking_status", "A1" + i, "age", 20 + 10 * i), i / 10.0, null))
                .toList();
        registry.register(new NewModelVersion(
                portfolio,
                version,
                UUID.randomUUID(),
                ("onnx of " + portfolio + " v" + version).getBytes(StandardCharsets.UTF_8),
                new ModelPipeline(
                        portfolio,
                        Algorithm.LOGISTIC_REGRESSION,
                        new Preprocessing(List.of(new NumericInput("duration", 18.0, 20.0, 12.0, false))),
                        new LinearModel(new double[] {0.4}, -0.9),
                        Map.of()),
                BundledPortfolios.germanLoans(),
                1,
                metrics,
                Map.of(),
                Map.of(),
                0.0,
                rows));
        return version;
    }
}
