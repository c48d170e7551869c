package io.creditscoring.drift.reference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.stats.FeatureColumns;
import io.creditscoring.drift.stats.ReferenceColumn;
import io.creditscoring.drift.stats.ReferenceProfile;
import io.creditscoring.drift.stats.Samples;
import io.creditscoring.drift.stats.StabilityBins;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.ModelVersionDetails;
import io.creditscoring.registry.NewModelVersion.ReferenceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Each model version's prepared reference, read through the {@link ModelRegistry} (the schema snapshot, the test
 * AUC and the reference rows) and kept in memory: a reference never changes once training has saved it, so it is
 * sorted and binned once, and again only after it was evicted from the bounded cache
 * ({@code drift.reference-cache-size} versions).
 */
@Component
public class ModelReferences {

    /** Versions known to have reference rows: one per portfolio and version, tiny, asked on every scoring event. */
    private static final int KNOWN_VERSIONS = 10_000;

    private final ModelRegistry registry;
    private final DriftProperties properties;
    /** Prepared references (a 50,000-row reference of 23 features is about 10 MB). */
    private final Cache<Key, ModelReference> prepared;
    /** Positive answers of {@link #hasReference} only: a version may be registered after it was first asked for. */
    private final Cache<Key, Boolean> known;

    ModelReferences(ModelRegistry registry, DriftProperties properties) {
        this.registry = registry;
        this.properties = properties;
        this.prepared = Caffeine.newBuilder()
                .maximumSize(properties.referenceCacheSize())
                .build();
        this.known = Caffeine.newBuilder().maximumSize(KNOWN_VERSIONS).build();
    }

    /** Whether the registry holds this model version with at least one reference row. */
    public boolean hasReference(String portfolio, int version) {
        Key key = new Key(portfolio, version);
        if (known.getIfPresent(key) != null) {
            return true;
        }
        boolean exists = registry.hasReferenceRows(portfolio, version);
        if (exists) {
            known.put(key, true);
        }
        return exists;
    }

    /** The prepared reference of a model version, loaded and prepared on first use. */
    public Optional<ModelReference> find(String portfolio, int version) {
        // a version without a reference is not cached (Caffeine keeps no null), so it is found once registered
        return Optional.ofNullable(prepared.get(
                new Key(portfolio, version), k -> load(portfolio, version).orElse(null)));
    }

    /** How many prepared references the cache holds, once its pending evictions are done. */
    long preparedCount() {
        prepared.cleanUp();
        return prepared.estimatedSize();
    }

    private Optional<ModelReference> load(String portfolio, int version) {
        Optional<ModelVersionDetails> details = registry.details(portfolio, version);
        if (details.isEmpty()) {
            return Optional.empty();
        }
        List<ReferenceRow> rows = registry.referenceRows(portfolio, version, properties.referenceMaxRows());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Double auc = details.get().summary().metrics().get("auc");
        return Optional.of(prepare(portfolio, version, details.get().schema(), auc == null ? Double.NaN : auc, rows));
    }

    private ModelReference prepare(
            String portfolio, int version, PortfolioSchema schema, double testAuc, List<ReferenceRow> rows) {
        int n = rows.size();
        FeatureColumns values = FeatureColumns.of(
                schema, rows.stream().map(ReferenceRow::features).toList());
        List<ReferenceColumn> columns = new ArrayList<>();
        Map<String, StabilityBins> protectedBins = new HashMap<>();
        for (FeatureSpec feature : schema.features()) {
            if (feature.isNumeric()) {
                ReferenceColumn.Numeric column =
                        ReferenceColumn.numeric(feature.name(), values.numeric().get(feature.name()));
                columns.add(column);
                if (feature.isProtectedFeature() && column.size() > 0) {
                    protectedBins.put(
                            feature.name(),
                            StabilityBins.ofSortedReference(
                                    column.sorted(), properties.fairness().numericGroups()));
                }
            } else {
                columns.add(ReferenceColumn.categorical(
                        feature.name(), values.categorical().get(feature.name())));
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rows.get(i).probabilityOfDefault();
        }
        ReferenceProfile profile = ReferenceProfile.of(n, columns, Samples.sortedWithoutNaN(scores));
        return new ModelReference(portfolio, version, schema, profile, testAuc, protectedBins);
    }

    private record Key(String portfolio, int version) {}
}
