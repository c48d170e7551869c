package io.creditscoring.drift.challenger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges of each portfolio's registry pair, set by the periodic comparison
 * ({@link ChampionChallengerScheduler}): {@code drift_champion_challenger_auc}, {@code _brier}, {@code _ece} and
 * {@code _approval_rate} per {@code model} (champion or challenger), {@code drift_champion_challenger_auc_difference},
 * {@code _auc_p_value}, {@code _matured_rows} and {@code _decisions_differ_share}; NaN until a comparison can be made.
 * The counter {@code drift_champion_challenger_promotion_requests_total} counts the requests the rule filed.
 */
@Component
class ChampionChallengerMetrics {

    static final String CHAMPION = "champion";
    static final String CHALLENGER = "challenger";

    private final MeterRegistry registry;
    private final Map<String, Value> gauges = new ConcurrentHashMap<>();

    ChampionChallengerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void compared(ChampionChallengerComparison c) {
        String p = c.portfolio();
        set("drift.champion.challenger.matured.rows", p, null, c.maturedApplications());
        boolean comparable = c.comparable();
        set(
                "drift.champion.challenger.auc",
                p,
                CHAMPION,
                comparable ? c.champion().auc() : Double.NaN);
        set(
                "drift.champion.challenger.auc",
                p,
                CHALLENGER,
                comparable ? c.challenger().auc() : Double.NaN);
        set(
                "drift.champion.challenger.brier",
                p,
                CHAMPION,
                comparable ? c.champion().brier() : Double.NaN);
        set(
                "drift.champion.challenger.brier",
                p,
                CHALLENGER,
                comparable ? c.challenger().brier() : Double.NaN);
        set(
                "drift.champion.challenger.ece",
                p,
                CHAMPION,
                comparable ? c.champion().ece() : Double.NaN);
        set(
                "drift.champion.challenger.ece",
                p,
                CHALLENGER,
                comparable ? c.challenger().ece() : Double.NaN);
        set(
                "drift.champion.challenger.approval.rate",
                p,
                CHAMPION,
                comparable ? c.champion().approvalRate() : Double.NaN);
        set(
                "drift.champion.challenger.approval.rate",
                p,
                CHALLENGER,
                comparable ? c.challenger().approvalRate() : Double.NaN);
        set(
                "drift.champion.challenger.auc.difference",
                p,
                null,
                comparable ? c.aucDifference().difference() : Double.NaN);
        set(
                "drift.champion.challenger.auc.p.value",
                p,
                null,
                comparable ? c.aucDifference().pValue() : Double.NaN);
        set(
                "drift.champion.challenger.decisions.differ.share",
                p,
                null,
                comparable ? c.decisionsDiffer().share() : Double.NaN);
    }

    void promotionRequested(String portfolio) {
        Counter.builder("drift.champion.challenger.promotion.requests")
                .description("Promotion requests filed for a challenger better with significance on matured outcomes")
                .tag("portfolio", portfolio)
                .register(registry)
                .increment();
    }

    private void set(String name, String portfolio, String model, double value) {
        String key = name + '|' + portfolio + '|' + model;
        gauges.computeIfAbsent(key, k -> {
                    Value holder = new Value();
                    Gauge.Builder<Value> builder =
                            Gauge.builder(name, holder, h -> h.value).tag("portfolio", portfolio);
                    if (model != null) {
                        builder.tag("model", model);
                    }
                    builder.register(registry);
                    return holder;
                })
                .value = value;
    }

    private static final class Value {
        volatile double value = Double.NaN;
    }
}
