package io.creditscoring.drift;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.sampledata.SampleData;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bundled Taiwan data, shuffled once with a fixed seed, with a small stand-in model (a fixed logistic score of
 * PAY_0 and LIMIT_BAL) so that reference rows and scoring events carry probabilities the way production's do.
 */
public final class TaiwanFixture {

    static final PortfolioSchema SCHEMA = BundledPortfolios.taiwanCards();
    private static final List<Row> SHUFFLED = load();

    private TaiwanFixture() {}

    /** One Taiwan client: raw feature values and the observed outcome. */
    public record Row(String id, Map<String, Object> features, boolean defaulted) {

        public Row with(UnaryOperator<Map<String, Object>> change) {
            return new Row(id, change.apply(new LinkedHashMap<>(features)), defaulted);
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the shuffled data. */
    public static List<Row> rows(int from, int to) {
        return SHUFFLED.subList(from, to);
    }

    /** The stand-in model's probability of default. */
    public static double probability(Map<String, Object> features) {
        double pay0 = ((Number) features.get("PAY_0")).doubleValue();
        double limit = ((Number) features.get("LIMIT_BAL")).doubleValue();
        return 1 / (1 + Math.exp(-(-1.2 + 0.6 * pay0 - 2.5e-6 * limit)));
    }

    public static ScoringEvent event(String portfolio, int version, Row row) {
        return event(portfolio, version, row, portfolio + "-" + row.id());
    }

    /** The stand-in model's decision on the row, logged under the given application id. */
    public static ScoringEvent event(String portfolio, int version, Row row, String applicationId) {
        double p = probability(row.features());
        Decision decision = p < 0.25 ? Decision.APPROVE : p < 0.45 ? Decision.REFER : Decision.DECLINE;
        return new ScoringEvent(
                UUID.randomUUID().toString(),
                applicationId,
                portfolio,
                version,
                Algorithm.LOGISTIC_REGRESSION,
                row.features(),
                p,
                (int) Math.round(600 - 50 * Math.log(p / (1 - p)) / Math.log(2)),
                decision,
                List.of(),
                900,
                Instant.now());
    }

    /** Registers a model version with the given test AUC and the rows as its reference sample. */
    public static void registerModel(
            JdbcTemplate jdbc, String portfolio, int version, double testAuc, List<Row> reference) {
        jdbc.update(
                """
                insert into registry.model_versions (portfolio, version, algorithm, onnx, onnx_sha256, pipeline_json,
                    schema_json, schema_version, metrics, params, lineage, parity_max_abs_diff)
                values (?, ?, 'LOGISTIC_REGRESSION', ?, 'test', '{}'::jsonb, ?::jsonb, 1, ?::jsonb, '{}'::jsonb,
                    '{}'::jsonb, 0)""",
                portfolio,
                version,
                new byte[0],
                CreditJson.json().writeValueAsString(SCHEMA),
                "{\"auc\": " + testAuc + "}");
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            Row row = reference.get(i);
            batch.add(new Object[] {
                portfolio,
                version,
                i,
                CreditJson.json().writeValueAsString(row.features()),
                probability(row.features()),
                row.defaulted()
            });
        }
        jdbc.batchUpdate("""
                insert into registry.reference_rows (portfolio, version, row_index, features,
                    probability_of_default, defaulted) values (?, ?, ?, ?::jsonb, ?, ?)""", batch);
    }

    /** The file writes a few values in scientific notation ({@code 5.00E+05}); integral values become longs. */
    private static Object number(String raw) {
        double value = Double.parseDouble(raw);
        return value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }

    private static List<Row> load() {
        try (Reader reader = new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8)) {
            List<Row> rows = new ArrayList<>(SampleData.TAIWAN_CARDS.rows());
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get();
            for (CSVRecord record : format.parse(reader)) {
                Map<String, Object> features = new LinkedHashMap<>();
                for (FeatureSpec feature : SCHEMA.features()) {
                    String raw = record.get(feature.name()).trim();
                    features.put(feature.name(), feature.isNumeric() ? number(raw) : raw);
                }
                rows.add(new Row(
                        record.get("ID"),
                        features,
                        "1".equals(record.get("defaulted").trim())));
            }
            Collections.shuffle(rows, new Random(7));
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
