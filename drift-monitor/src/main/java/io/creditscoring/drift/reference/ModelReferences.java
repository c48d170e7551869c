package io.creditscoring.drift.reference;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.stats.FeatureColumns;
import io.creditscoring.drift.stats.ReferenceColumn;
import io.creditscoring.drift.stats.ReferenceProfile;
import io.creditscoring.drift.stats.Samples;
import io.creditscoring.drift.stats.StabilityBins;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Reads model versions and their reference samples from the registry ({@code registry.model_versions},
 * {@code registry.reference_rows}), and keeps each version's prepared reference in memory: a reference never
 * changes once training has saved it, so it is sorted and binned once (and again only if it was evicted from the
 * small most-recently-used cache).
 */
@Repository
public class ReferenceRepository {

    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() {};

    /** How many prepared references stay in memory (champion and challenger of several portfolios). */
    static final int CACHED_REFERENCES = 16;

    private final JdbcClient jdbc;
    private final DriftProperties properties;
    /** Prepared references, the most recently used kept (a 50,000-row reference of 23 features is about 10 MB). */
    private final Map<String, ModelReference> prepared =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ModelReference> eldest) {
                    return size() > CACHED_REFERENCES;
                }
            });

    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    ReferenceRepository(JdbcClient jdbc, DriftProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Whether the registry holds this model version with at least one reference row (positive answers cached). */
    public boolean hasReference(String portfolio, int version) {
        String key = key(portfolio, version);
        if (known.containsKey(key)) {
            return true;
        }
        boolean exists = jdbc.sql("""
                        select exists (select 1 from registry.model_versions m
                            join registry.reference_rows r on r.portfolio = m.portfolio and r.version = m.version
                            where m.portfolio = :portfolio and m.version = :version)""")
                .param("portfolio", portfolio)
                .param("version", version)
                .query(Boolean.class)
                .single();
        if (exists) {
            known.put(key, true);
        }
        return exists;
    }

    /** The prepared reference of a model version, loaded and prepared on first use. */
    public Optional<ModelReference> find(String portfolio, int version) {
        ModelReference cached = prepared.get(key(portfolio, version));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ModelReference> loaded = load(portfolio, version);
        loaded.ifPresent(r -> prepared.putIfAbsent(key(portfolio, version), r));
        return loaded;
    }

    private Optional<ModelReference> load(String portfolio, int version) {
        Optional<VersionRow> row = jdbc.sql("""
                        select schema_json::text as schema_json, metrics::text as metrics
                        from registry.model_versions where portfolio = :portfolio and version = :version""")
                .param("portfolio", portfolio)
                .param("version", version)
                .query((rs, n) -> new VersionRow(rs.getString("schema_json"), rs.getString("metrics")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        PortfolioSchema schema = CreditJson.json().readValue(row.get().schemaJson(), PortfolioSchema.class);
        JsonNode metrics = CreditJson.json().readTree(row.get().metricsJson());
        double testAuc = metrics.has("auc") ? metrics.get("auc").asDouble() : Double.NaN;

        List<Map<String, Object>> features = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        jdbc.sql("""
                        select features::text as features, probability_of_default from registry.reference_rows
                        where portfolio = :portfolio and version = :version order by row_index limit :limit""")
                .param("portfolio", portfolio)
                .param("version", version)
                .param("limit", properties.referenceMaxRows())
                .query((rs, n) -> {
                    features.add(CreditJson.json().readValue(rs.getString("features"), FEATURES));
                    probabilities.add(rs.getDouble("probability_of_default"));
                    return n;
                })
                .list();
        if (features.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(prepare(portfolio, version, schema, testAuc, features, probabilities));
    }

    ModelReference prepare(
            String portfolio,
            int version,
            PortfolioSchema schema,
            double testAuc,
            List<Map<String, Object>> rows,
            List<Double> probabilities) {
        int n = rows.size();
        FeatureColumns values = FeatureColumns.of(schema, rows);
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
            scores[i] = probabilities.get(i);
        }
        ReferenceProfile profile = ReferenceProfile.of(n, columns, Samples.sortedWithoutNaN(scores));
        return new ModelReference(portfolio, version, schema, profile, testAuc, protectedBins);
    }

    private static String key(String portfolio, int version) {
        return portfolio + "#" + version;
    }

    private record VersionRow(String schemaJson, String metricsJson) {}
}
