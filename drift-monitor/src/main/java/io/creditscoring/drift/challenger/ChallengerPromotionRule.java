package io.creditscoring.drift.challenger;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.PromotionRequest;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.AuditOutcome;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optional rule ({@code drift.champion-challenger.promotion-request.enabled}, off by default): when the
 * challenger's AUC is higher than the champion's on the same matured applications, DeLong's two-sided test gives
 * {@code p < alpha}, at least {@code min-matured-rows} applications have matured, and the pair compared is still the
 * registry's, it files a four-eyes promotion request for the challenger to become champion through the registry
 * ({@link ModelRegistry#requestPromotion}); it never promotes. An APPROVER decides the request like any other.
 *
 * <p>The requester is the drift monitor's own identity {@value #IDENTITY}, never an API key. At most one request per
 * challenger version: none is filed while any request to make that version champion is pending, nor again once this
 * rule has filed one (approved or rejected, the decision stands). The request and its audit row (action
 * {@value #ACTION}, in this service's audit log) are written in one transaction, under an advisory lock per
 * portfolio so that two instances cannot both file.
 */
@Component
public class ChallengerPromotionRule {

    /** Who files the requests: the drift monitor itself ({@code system:<component>}, as training's policy does). */
    public static final String IDENTITY = "system:drift-monitor";

    static final String ACTION = "promotion.request";

    private static final Logger log = LoggerFactory.getLogger(ChallengerPromotionRule.class);

    private final ModelRegistry registry;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ChampionChallengerMetrics metrics;
    private final DriftProperties.PromotionRequest settings;

    /**
     * @param audit the platform's audit log, which only a web application has; without it the rule files nothing,
     *     since a request it filed would be unaudited
     */
    @Autowired
    ChallengerPromotionRule(
            ModelRegistry registry,
            ObjectProvider<AuditLog> audit,
            JdbcClient jdbc,
            ChampionChallengerMetrics metrics,
            DriftProperties properties) {
        this(
                registry,
                audit.getIfAvailable(),
                jdbc,
                metrics,
                properties.championChallenger().promotionRequest());
    }

    ChallengerPromotionRule(
            ModelRegistry registry,
            AuditLog audit,
            JdbcClient jdbc,
            ChampionChallengerMetrics metrics,
            DriftProperties.PromotionRequest settings) {
        this.registry = registry;
        this.audit = audit;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * What the rule made of a comparison.
     *
     * @param request the request filed, empty when none was
     * @param reason why it was filed, or why not
     */
    public record Outcome(Optional<PromotionRequest> request, String reason) {

        static Outcome none(String reason) {
            return new Outcome(Optional.empty(), reason);
        }
    }

    /** Files a promotion request when the comparison shows a challenger better with significance. */
    @Transactional
    public Outcome consider(ChampionChallengerComparison c) {
        if (!settings.enabled()) {
            return Outcome.none("the promotion rule is off");
        }
        if (audit == null) {
            return Outcome.none("no audit log in this process: the rule files nothing unaudited");
        }
        if (!c.comparable()) {
            return Outcome.none("no comparison: " + c.note());
        }
        if (c.maturedApplications() < settings.minMaturedRows()) {
            return Outcome.none(
                    c.maturedApplications() + " matured applications; the rule needs " + settings.minMaturedRows());
        }
        double difference = c.aucDifference().difference();
        double p = c.aucDifference().pValue();
        if (!(difference > 0 && p < settings.alpha())) {
            return Outcome.none(String.format(
                    Locale.ROOT,
                    "challenger not better with significance: AUC difference %+.4f, p %.4g (alpha %s)",
                    difference,
                    p,
                    settings.alpha()));
        }
        String portfolio = c.portfolio();
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                .param("key", "drift-monitor:promotion-rule:" + portfolio)
                .query((rs, n) -> n)
                .list();
        Optional<Integer> champion = registry.aliasVersion(portfolio, ModelAlias.CHAMPION);
        Optional<Integer> challenger = registry.aliasVersion(portfolio, ModelAlias.CHALLENGER);
        if (!champion.equals(Optional.of(c.championVersion()))
                || !challenger.equals(Optional.of(c.challengerVersion()))) {
            return Outcome.none("the registry's pair is now champion " + champion.orElse(null) + ", challenger "
                    + challenger.orElse(null) + ", not the pair compared");
        }
        boolean asked = registry.promotionRequests(portfolio, null, 1000).stream()
                .anyMatch(r -> r.modelVersion() == c.challengerVersion()
                        && ModelAlias.CHAMPION.id().equals(r.alias())
                        && (r.status() == PromotionRequest.Status.PENDING || IDENTITY.equals(r.requestedBy())));
        if (asked) {
            return Outcome.none("a request to make version " + c.challengerVersion() + " champion exists already");
        }
        String reason = String.format(
                Locale.ROOT,
                "drift monitor: challenger v%d ranks better than champion v%d on the same %d matured applications:"
                        + " AUC %.4f vs %.4f (DeLong z %.2f, p %.3g < alpha %s)",
                c.challengerVersion(),
                c.championVersion(),
                c.maturedApplications(),
                c.challenger().auc(),
                c.champion().auc(),
                c.aucDifference().z() == null
                        ? Double.POSITIVE_INFINITY
                        : c.aucDifference().z(),
                p,
                settings.alpha());
        PromotionRequest request =
                registry.requestPromotion(portfolio, c.challengerVersion(), ModelAlias.CHAMPION, IDENTITY, reason);
        audit.record(
                IDENTITY,
                ACTION,
                portfolio + " v" + c.challengerVersion() + " -> champion",
                AuditOutcome.SUCCEEDED,
                null,
                "request " + request.requestId() + ": " + reason);
        metrics.promotionRequested(portfolio);
        log.info("Promotion request {} filed: {}", request.requestId(), reason);
        return new Outcome(Optional.of(request), reason);
    }
}
