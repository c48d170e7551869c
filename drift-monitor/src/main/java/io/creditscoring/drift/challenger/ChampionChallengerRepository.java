package io.creditscoring.drift.challenger;

import io.creditscoring.model.events.Decision;
import io.creditscoring.registry.ModelAlias;
import io.creditscoring.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads shadow-scored decisions and their outcomes from the decision log, and the registry's model pairs (through {@link ModelRegistry}). */
@Repository
class ChampionChallengerRepository {

    private final JdbcClient jdbc;
    private final ModelRegistry registry;

    ChampionChallengerRepository(JdbcClient jdbc, ModelRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** A champion version and the challenger version that scored beside it. */
    record Pair(int champion, int challenger) {}

    /** A portfolio's pair as the registry names it now. */
    record RegistryPair(String portfolio, int champion, int challenger) {}

    /**
     * One matured application: both models' probabilities and decisions, and the outcome.
     *
     * @param championProbability the champion's probability of default
     * @param challengerProbability the challenger's
     */
    record MaturedRow(
            String applicationId,
            double championProbability,
            Decision championDecision,
            double challengerProbability,
            Decision challengerDecision,
            boolean defaulted) {}

    /**
     * The pair of the newest shadow-scored decision of the portfolio matching the versions given (either may be
     * null: any), within the window when one is given.
     */
    Optional<Pair> latestPair(String portfolio, Integer champion, Integer challenger, Long windowId) {
        return jdbc.sql("""
                        select model_version, shadow_model_version from monitoring.scoring_events
                        where portfolio = :portfolio and shadow_model_version is not null
                          and (cast(:champion as integer) is null or model_version = :champion)
                          and (cast(:challenger as integer) is null or shadow_model_version = :challenger)
                          and (cast(:windowId as bigint) is null or window_id = :windowId)
                        order by scored_at desc, event_id limit 1""")
                .param("portfolio", portfolio)
                .param("champion", champion)
                .param("challenger", challenger)
                .param("windowId", windowId)
                .query((rs, n) -> new Pair(rs.getInt(1), rs.getInt(2)))
                .optional();
    }

    /** Applications with a shadow score of the pair, matured or not. */
    int shadowScoredApplications(String portfolio, Pair pair, Long windowId) {
        return jdbc.sql("""
                        select count(distinct application_id) from monitoring.scoring_events
                        where portfolio = :portfolio and model_version = :champion
                          and shadow_model_version = :challenger
                          and (cast(:windowId as bigint) is null or window_id = :windowId)""")
                .param("portfolio", portfolio)
                .param("champion", pair.champion())
                .param("challenger", pair.challenger())
                .param("windowId", windowId)
                .query(Integer.class)
                .single();
    }

    /**
     * The pair's matured applications, each once (its latest shadow-scored decision), in application id order.
     */
    List<MaturedRow> matured(String portfolio, Pair pair, Long windowId) {
        return jdbc.sql("""
                        select distinct on (e.application_id) e.application_id, e.probability_of_default, e.decision,
                            e.shadow_probability_of_default, e.shadow_decision, o.defaulted
                        from monitoring.scoring_events e
                        join monitoring.outcomes o on o.portfolio = e.portfolio and o.application_id = e.application_id
                        where e.portfolio = :portfolio and e.model_version = :champion
                          and e.shadow_model_version = :challenger
                          and (cast(:windowId as bigint) is null or e.window_id = :windowId)
                        order by e.application_id, e.scored_at desc, e.event_id""")
                .param("portfolio", portfolio)
                .param("champion", pair.champion())
                .param("challenger", pair.challenger())
                .param("windowId", windowId)
                .query((rs, n) -> new MaturedRow(
                        rs.getString(1),
                        rs.getDouble(2),
                        Decision.valueOf(rs.getString(3)),
                        rs.getDouble(4),
                        Decision.valueOf(rs.getString(5)),
                        rs.getBoolean(6)))
                .list();
    }

    /** Every portfolio whose registry names a champion and a different challenger, by portfolio. */
    List<RegistryPair> registryPairs() {
        Map<String, Integer> champions = registry.aliasVersions(ModelAlias.CHAMPION);
        List<RegistryPair> pairs = new ArrayList<>();
        registry.aliasVersions(ModelAlias.CHALLENGER).forEach((portfolio, challenger) -> {
            Integer champion = champions.get(portfolio);
            if (champion != null && !champion.equals(challenger)) {
                pairs.add(new RegistryPair(portfolio, champion, challenger));
            }
        });
        return pairs;
    }
}
