package io.creditscoring.registry;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
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
import java.util.TreeMap;
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
    private static final TypeReference<Map<String, Object>> FEATURES = new TypeReference<>() {};

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

    /** Every portfolio's version holding the alias, by portfolio; portfolios without it are absent. */
    public Map<String, Integer> aliasVersions(ModelAlias alias) {
        Map<String, Integer> versions = new TreeMap<>();
        jdbc.sql("select portfolio, version from registry.model_aliases where alias = ?")
                .param(alias.id())
                .query((rs, n) -> versions.put(rs.getString("portfolio"), rs.getInt("version")))
                .list();
        return versions;
    }

    /** The champion's artifact (sha256 checked), if the portfolio has a champion. */
    public Optional<ModelArtifact> championArtifact(String portfolio) {
        return aliasVersion(portfolio, ModelAlias.CHAMPION).map(v -> artifact(portfolio, v));
    }

    private static final String PROMOTIONS = """
            select p.*, r.requested_by from registry.promotions p
            left join registry.promotion_requests r on r.request_id = p.request_id
            """;

    /** The promotion history of a portfolio, oldest first. */
    public List<Promotion> promotions(String portfolio) {
        return jdbc.sql(PROMOTIONS + " where p.portfolio = ? order by p.promotion_id")
                .param(portfolio)
                .query(ModelRegistry::promotion)
                .list();
    }

    private Promotion promotionById(long promotionId) {
        return jdbc.sql(PROMOTIONS + " where p.promotion_id = ?")
                .param(promotionId)
                .query(ModelRegistry::promotion)
                .single();
    }

    /** A version's reference rows, in the order registered. */
    public List<NewModelVersion.ReferenceRow> referenceRows(String portfolio, int version) {
        return referenceRows(portfolio, version, Integer.MAX_VALUE);
    }

    /** The first {@code limit} reference rows of a version, in the order registered. */
    public List<NewModelVersion.ReferenceRow> referenceRows(String portfolio, int version, int limit) {
        return jdbc.sql("select features::text, probability_of_default, defaulted from registry.reference_rows"
                        + " where portfolio = ? and version = ? order by row_index limit ?")
                .params(portfolio, version, limit)
                .query((rs, n) -> new NewModelVersion.ReferenceRow(
                        CreditJson.json().readValue(rs.getString(1), FEATURES), rs.getDouble(2), (Boolean)
                                rs.getObject(3)))
                .list();
    }

    /** Whether the portfolio has this model version with at least one reference row. */
    public boolean hasReferenceRows(String portfolio, int version) {
        return jdbc.sql("select exists (select 1 from registry.reference_rows where portfolio = ? and version = ?)")
                .params(portfolio, version)
                .query(Boolean.class)
                .single();
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
            return promoteLocked(portfolio, version, alias, by, reason, null);
        });
    }

    /**
     * Applies the promotion policy after a training run, in one transaction: the run's selected version becomes
     * the challenger, and the champion when the policy says so (with four-eyes on, a promotion request is filed
     * instead). When the champion changed after the caller assessed it, the version only becomes the challenger.
     *
     * @param candidateAuc the selected version's AUC on the run's test split, null if it could not be computed
     * @param champion what the caller learned of the champion on that split
     * @param fourEyes file a promotion request rather than promote the champion
     * @param by who applies the policy, for example {@code system:training-policy}
     * @param context where the decision comes from, prefixed to its reason (for example the run)
     */
    public PolicyOutcome promoteAfterRun(
            String portfolio,
            int version,
            Double candidateAuc,
            ChampionAssessment champion,
            PromotionPolicy policy,
            boolean fourEyes,
            String by,
            String context) {
        return transactions.execute(status -> {
            lockPortfolio(portfolio);
            Integer current = aliasVersion(portfolio, ModelAlias.CHAMPION).orElse(null);
            List<Promotion> done = new ArrayList<>();
            promoteLocked(portfolio, version, ModelAlias.CHALLENGER, by, context + ": selected", null)
                    .ifPresent(done::add);
            PromotionPolicy.Decision decision;
            if (!Objects.equals(current, champion.version())) {
                decision = new PromotionPolicy.Decision(
                        false,
                        "the champion changed to " + current + " after version " + champion.version()
                                + " was evaluated; the new model stays challenger");
            } else {
                decision = policy.decide(candidateAuc, champion);
            }
            PromotionRequest request = null;
            if (decision.promoteToChampion() && fourEyes) {
                request =
                        insertRequest(portfolio, version, ModelAlias.CHAMPION, by, context + ": " + decision.reason());
            } else if (decision.promoteToChampion()) {
                promoteLocked(portfolio, version, ModelAlias.CHAMPION, by, context + ": " + decision.reason(), null)
                        .ifPresent(done::add);
            }
            return new PolicyOutcome(decision, done, Optional.ofNullable(request));
        });
    }

    /**
     * @param decision the policy's decision and its reason
     * @param promotions the alias changes made (none when the version already held them)
     * @param request the promotion request filed instead of a champion promotion (four-eyes)
     */
    public record PolicyOutcome(
            PromotionPolicy.Decision decision, List<Promotion> promotions, Optional<PromotionRequest> request) {}

    /**
     * Files a four-eyes promotion request.
     *
     * @throws ModelVersionNotFoundException when there is no such version
     */
    public PromotionRequest requestPromotion(
            String portfolio, int version, ModelAlias alias, String requestedBy, String reason) {
        return transactions.execute(status -> insertRequest(portfolio, version, alias, requestedBy, reason));
    }

    private PromotionRequest insertRequest(
            String portfolio, int version, ModelAlias alias, String requestedBy, String reason) {
        if (find(portfolio, version).isEmpty()) {
            throw ModelVersionNotFoundException.of(portfolio, version);
        }
        return jdbc.sql("""
                        insert into registry.promotion_requests
                            (request_id, portfolio, model_version, alias, requested_by, reason, requested_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning *""")
                .params(
                        UUID.randomUUID(),
                        portfolio,
                        version,
                        alias.id(),
                        requestedBy,
                        reason,
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .query(ModelRegistry::request)
                .single();
    }

    public Optional<PromotionRequest> promotionRequest(UUID requestId) {
        return jdbc.sql("select * from registry.promotion_requests where request_id = ?")
                .param(requestId)
                .query(ModelRegistry::request)
                .optional();
    }

    /**
     * Promotion requests, newest first.
     *
     * @param portfolio only this portfolio's (null: every portfolio's)
     * @param status only requests in this state (null: all)
     */
    public List<PromotionRequest> promotionRequests(String portfolio, PromotionRequest.Status status, int limit) {
        return jdbc.sql("""
                        select * from registry.promotion_requests
                        where (cast(:portfolio as text) is null or portfolio = :portfolio)
                          and (cast(:status as text) is null or status = :status)
                        order by requested_at desc, request_id limit :limit""")
                .param("portfolio", portfolio)
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(ModelRegistry::request)
                .list();
    }

    /**
     * Approves a pending request and makes its promotion, in one transaction.
     *
     * @param approvedBy the approving key's id: never the requester's
     * @throws PromotionRequestException when the request is unknown, decided already, or the approver asked for it
     */
    public PromotionRequest approve(UUID requestId, String approvedBy, String comment) {
        return transactions.execute(status -> {
            PromotionRequest request = pendingForUpdate(requestId);
            if (request.requestedBy().equals(approvedBy)) {
                throw PromotionRequestException.selfApproval(request);
            }
            lockPortfolio(request.portfolio());
            promoteLocked(
                    request.portfolio(),
                    request.modelVersion(),
                    ModelAlias.parse(request.alias()),
                    approvedBy,
                    request.reason(),
                    requestId);
            return decide(requestId, PromotionRequest.Status.APPROVED, approvedBy, comment);
        });
    }

    /**
     * Rejects a pending request; nothing is promoted.
     *
     * @throws PromotionRequestException when the request is unknown or decided already
     */
    public PromotionRequest reject(UUID requestId, String rejectedBy, String comment) {
        return transactions.execute(status -> {
            pendingForUpdate(requestId);
            return decide(requestId, PromotionRequest.Status.REJECTED, rejectedBy, comment);
        });
    }

    private PromotionRequest pendingForUpdate(UUID requestId) {
        PromotionRequest request = jdbc.sql("select * from registry.promotion_requests where request_id = ? for update")
                .param(requestId)
                .query(ModelRegistry::request)
                .optional()
                .orElseThrow(() -> PromotionRequestException.notFound(requestId));
        if (request.status() != PromotionRequest.Status.PENDING) {
            throw PromotionRequestException.alreadyDecided(request);
        }
        return request;
    }

    private PromotionRequest decide(UUID requestId, PromotionRequest.Status outcome, String by, String comment) {
        return jdbc.sql("""
                        update registry.promotion_requests
                        set status = ?, decided_by = ?, decided_at = ?, comment = ?
                        where request_id = ? returning *""")
                .params(
                        outcome.name(),
                        by,
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)),
                        comment,
                        requestId)
                .query(ModelRegistry::request)
                .single();
    }

    private Optional<Promotion> promoteLocked(
            String portfolio, int version, ModelAlias alias, String by, String reason, UUID requestId) {
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
        long promotionId = jdbc.sql("insert into registry.promotions (portfolio, alias, from_version, to_version,"
                        + " promoted_by, reason, promoted_at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " returning promotion_id")
                .params(portfolio, alias.id(), from, version, by, reason, Timestamp.from(at), requestId)
                .query(Long.class)
                .single();
        Promotion promotion = promotionById(promotionId);
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
                rs.getTimestamp("promoted_at").toInstant(),
                rs.getObject("request_id", UUID.class),
                rs.getString("requested_by"));
    }

    private static PromotionRequest request(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new PromotionRequest(
                rs.getObject("request_id", UUID.class),
                rs.getString("portfolio"),
                rs.getInt("model_version"),
                rs.getString("alias"),
                rs.getString("requested_by"),
                rs.getString("reason"),
                PromotionRequest.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("comment"));
    }
}
