package io.creditscoring.registry;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import io.creditscoring.model.events.Topics;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * The model registry (PostgreSQL schema {@code registry}): model versions with their ONNX artifacts and lineage,
 * the {@code champion} and {@code challenger} aliases, the promotion history, reference samples.
 *
 * <p>Every promotion is committed together with its {@code credit.model-events} PROMOTED event in the
 * transactional outbox; {@link OutboxRelay} publishes it afterwards. Promotions of one portfolio are serialised
 * by a transaction-scoped advisory lock. Thread-safe.
 */
public class ModelRegistry {

    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};

    private static final String SUMMARY_COLUMNS = """
            v.portfolio, v.version, v.algorithm, v.run_id, v.metrics::text as metrics, v.onnx_sha256,
            v.schema_version, v.parity_max_abs_diff, v.created_at,
            coalesce(array_agg(a.alias order by a.alias) filter (where a.alias is not null), '{}') as aliases
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ModelRegistry(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ModelRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * Hands out the portfolio's next version number, before export (the artifact records its version). A version
     * reserved and never registered leaves a gap.
     */
    public int reserveVersion(String portfolio) {
        return jdbc.sql("""
                        insert into registry.version_counters (portfolio, last_version)
                        values (:p, coalesce((select max(version) from registry.model_versions where portfolio = :p), 0) + 1)
                        on conflict (portfolio) do update set last_version = registry.version_counters.last_version + 1
                        returning last_version
                        """).param("p", portfolio).query(Integer.class).single();
    }

    /** Stores a model version with its artifact, lineage and reference rows, in one transaction. */
    public ModelVersionSummary register(NewModelVersion model) {
        String sha256 = Sha256.hex(model.onnx());
        String json = "cast(? as jsonb)";
        transactions.executeWithoutResult(status -> {
            try {
                jdbc.sql("insert into registry.model_versions (portfolio, version, algorithm, run_id, onnx,"
                                + " onnx_sha256, pipeline_json, schema_json, schema_version, metrics, params,"
                                + " lineage, parity_max_abs_diff) values (?, ?, ?, ?, ?, ?, " + json + ", " + json
                                + ", ?, " + json + ", " + json + ", " + json + ", ?)")
                        .params(
                                model.portfolio(),
                                model.version(),
                                model.algorithm().name(),
                                model.runId(),
                                model.onnx(),
                                sha256,
                                write(model.pipeline()),
                                write(model.schema()),
                                model.schemaVersion(),
                                write(model.metrics()),
                                write(model.params()),
                                write(model.lineage()),
                                model.parityMaxAbsDiff())
                        .update();
            } catch (DuplicateKeyException e) {
                throw new IllegalStateException(
                        "portfolio '" + model.portfolio() + "' already has model version " + model.version(), e);
            }
            int index = 0;
            for (NewModelVersion.ReferenceRow row : model.referenceRows()) {
                jdbc.sql("insert into registry.reference_rows (portfolio, version, row_index, features,"
                                + " probability_of_default, defaulted) values (?, ?, ?, cast(? as jsonb), ?, ?)")
                        .params(
                                model.portfolio(),
                                model.version(),
                                index++,
                                write(row.features()),
                                row.probabilityOfDefault(),
                                row.defaulted())
                        .update();
            }
        });
        return find(model.portfolio(), model.version()).orElseThrow();
    }

    /** Every version of the portfolio, newest first, with the aliases each holds. */
    public List<ModelVersionSummary> list(String portfolio) {
        return jdbc.sql("select " + SUMMARY_COLUMNS
                        + " from registry.model_versions v left join registry.model_aliases a"
                        + " on a.portfolio = v.portfolio and a.version = v.version"
                        + " where v.portfolio = ? group by v.portfolio, v.version order by v.version desc")
                .param(portfolio)
                .query(ModelRegistry::summary)
                .list();
    }

    public Optional<ModelVersionSummary> find(String portfolio, int version) {
        return jdbc.sql("select " + SUMMARY_COLUMNS
                        + " from registry.model_versions v left join registry.model_aliases a"
                        + " on a.portfolio = v.portfolio and a.version = v.version"
                        + " where v.portfolio = ? and v.version = ? group by v.portfolio, v.version")
                .params(portfolio, version)
                .query(ModelRegistry::summary)
                .optional();
    }

    /** The stored pipeline, schema, parameters and lineage of a version. */
    public Optional<ModelVersionDetails> details(String portfolio, int version) {
        return find(portfolio, version)
                .map(summary -> jdbc.sql("select pipeline_json::text, schema_json::text, params::text, lineage::text"
                                + " from registry.model_versions where portfolio = ? and version = ?")
                        .params(portfolio, version)
                        .query((rs, n) -> new ModelVersionDetails(
                                summary, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .single());
    }

    /**
     * A version's ONNX bytes, after checking that they still hash to the sha256 recorded at registration.
     *
     * @throws ModelVersionNotFoundException when there is no such version
     * @throws ArtifactIntegrityException when the bytes do not match their sha256
     */
    public ModelArtifact artifact(String portfolio, int version) {
        ModelArtifact stored = jdbc.sql("select algorithm, onnx, onnx_sha256 from registry.model_versions"
                        + " where portfolio = ? and version = ?")
                .params(portfolio, version)
                .query((rs, n) -> new ModelArtifact(
                        portfolio,
                        version,
                        Algorithm.valueOf(rs.getString("algorithm")),
                        rs.getBytes("onnx"),
                        rs.getString("onnx_sha256")))
                .optional()
                .orElseThrow(() -> ModelVersionNotFoundException.of(portfolio, version));
        String actual = Sha256.hex(stored.onnx());
        if (!actual.equals(stored.sha256())) {
            throw ArtifactIntegrityException.of(portfolio, version, stored.sha256(), actual);
        }
        return stored;
    }

    /** The version an alias points at, if any. */
    public Optional<Integer> aliasVersion(String portfolio, ModelAlias alias) {
        return jdbc.sql("select version from registry.model_aliases where portfolio = ? and alias = ?")
                .params(portfolio, alias.id())
                .query(Integer.class)
                .optional();
    }

    /** The champion's artifact (sha256 checked), if the portfolio has a champion. */
    public Optional<ModelArtifact> championArtifact(String portfolio) {
        return aliasVersion(portfolio, ModelAlias.CHAMPION).map(v -> artifact(portfolio, v));
    }

    /** The promotion history of a portfolio, oldest first. */
    public List<Promotion> promotions(String portfolio) {
        return jdbc.sql("select * from registry.promotions where portfolio = ? order by promotion_id")
                .param(portfolio)
                .query(ModelRegistry::promotion)
                .list();
    }

    /** A version's reference rows, in the order registered. */
    public List<NewModelVersion.ReferenceRow> referenceRows(String portfolio, int version) {
        return jdbc.sql("select features::text, probability_of_default, defaulted from registry.reference_rows"
                        + " where portfolio = ? and version = ? order by row_index")
                .params(portfolio, version)
                .query((rs, n) -> new NewModelVersion.ReferenceRow(
                        CreditJson.json().readValue(rs.getString(1), new TypeReference<Map<String, Object>>() {}),
                        rs.getDouble(2),
                        (Boolean) rs.getObject(3)))
                .list();
    }

    /**
     * Points an alias at a version, records the promotion and writes its PROMOTED event to the outbox, all in one
     * transaction. Promoting the version the alias already points at changes nothing and returns empty.
     *
     * @throws ModelVersionNotFoundException when there is no such version
     */
    public Optional<Promotion> promote(String portfolio, int version, ModelAlias alias, String by, String reason) {
        return transactions.execute(status -> {
            lockPortfolio(portfolio);
            return promoteLocked(portfolio, version, alias, by, reason);
        });
    }

    /**
     * Applies the promotion policy after a training run, in one transaction: the run's selected version becomes
     * the challenger, and the champion when the policy says so. When the champion changed after the caller
     * measured its AUC, the version only becomes the challenger.
     *
     * @param candidateAuc the selected version's AUC on the run's test split
     * @param evaluatedChampion the champion version whose AUC the caller measured on that split, or null if none
     * @param championAuc that AUC, or null if there was no champion
     */
    public PolicyOutcome promoteAfterRun(
            String portfolio,
            int version,
            double candidateAuc,
            Integer evaluatedChampion,
            Double championAuc,
            PromotionPolicy policy,
            String by) {
        return transactions.execute(status -> {
            lockPortfolio(portfolio);
            Integer champion = aliasVersion(portfolio, ModelAlias.CHAMPION).orElse(null);
            List<Promotion> done = new ArrayList<>();
            promoteLocked(portfolio, version, ModelAlias.CHALLENGER, by, "selected by training run")
                    .ifPresent(done::add);
            PromotionPolicy.Decision decision;
            if (!Objects.equals(champion, evaluatedChampion)) {
                decision = new PromotionPolicy.Decision(
                        false,
                        "the champion changed to " + champion + " after version " + evaluatedChampion
                                + " was evaluated");
            } else {
                decision = policy.decide(candidateAuc, champion == null ? null : championAuc);
            }
            if (decision.promoteToChampion()) {
                promoteLocked(portfolio, version, ModelAlias.CHAMPION, by, decision.reason())
                        .ifPresent(done::add);
            }
            return new PolicyOutcome(decision, done);
        });
    }

    /**
     * @param decision the policy's decision and its reason
     * @param promotions the alias changes made (none when the version already held them)
     */
    public record PolicyOutcome(PromotionPolicy.Decision decision, List<Promotion> promotions) {}

    private Optional<Promotion> promoteLocked(
            String portfolio, int version, ModelAlias alias, String by, String reason) {
        if (find(portfolio, version).isEmpty()) {
            throw ModelVersionNotFoundException.of(portfolio, version);
        }
        Integer from = aliasVersion(portfolio, alias).orElse(null);
        if (from != null && from == version) {
            return Optional.empty();
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("insert into registry.model_aliases (portfolio, alias, version, updated_at) values (?, ?, ?, ?)"
                        + " on conflict (portfolio, alias) do update set version = excluded.version,"
                        + " updated_at = excluded.updated_at")
                .params(portfolio, alias.id(), version, Timestamp.from(at))
                .update();
        Promotion promotion = jdbc.sql("insert into registry.promotions (portfolio, alias, from_version, to_version,"
                        + " promoted_by, reason, promoted_at) values (?, ?, ?, ?, ?, ?, ?) returning *")
                .params(portfolio, alias.id(), from, version, by, reason, Timestamp.from(at))
                .query(ModelRegistry::promotion)
                .single();
        ModelEvent event = new ModelEvent(portfolio, version, alias.id(), ModelEventType.PROMOTED, at);
        jdbc.sql("insert into registry.outbox (topic, message_key, payload) values (?, ?, cast(? as jsonb))")
                .params(Topics.MODEL_EVENTS, portfolio, write(event))
                .update();
        return Optional.of(promotion);
    }

    private void lockPortfolio(String portfolio) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('registry.promotion:' || ?))")
                .param(portfolio)
                .query((rs, n) -> 1)
                .single();
    }

    private static String write(Object value) {
        return CreditJson.json().writeValueAsString(value);
    }

    private static ModelVersionSummary summary(ResultSet rs, int row) throws SQLException {
        Array aliases = rs.getArray("aliases");
        return new ModelVersionSummary(
                rs.getString("portfolio"),
                rs.getInt("version"),
                Algorithm.valueOf(rs.getString("algorithm")),
                rs.getObject("run_id", UUID.class),
                new LinkedHashMap<>(CreditJson.json().readValue(rs.getString("metrics"), METRICS)),
                Arrays.stream((Object[]) aliases.getArray())
                        .map(String::valueOf)
                        .toList(),
                rs.getString("onnx_sha256"),
                rs.getInt("schema_version"),
                rs.getDouble("parity_max_abs_diff"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Promotion promotion(ResultSet rs, int row) throws SQLException {
        return new Promotion(
                rs.getLong("promotion_id"),
                rs.getString("portfolio"),
                rs.getString("alias"),
                (Integer) rs.getObject("from_version"),
                rs.getInt("to_version"),
                rs.getString("promoted_by"),
                rs.getString("reason"),
                rs.getTimestamp("promoted_at").toInstant());
    }
}
