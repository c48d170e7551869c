package io.creditscoring.scoring.model;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code models}, part of the readiness group: DOWN until every portfolio with a champion in
 * the registry has a model serving. Its details also list the challengers shadow scoring, which never decide it.
 */
@Component("models")
class ChampionModelsHealthIndicator implements HealthIndicator {

    private final ChampionModels models;

    ChampionModelsHealthIndicator(ChampionModels models) {
        this.models = models;
    }

    @Override
    public Health health() {
        Health.Builder health = models.ready() ? Health.up() : Health.down();
        return health.withDetail("serving", models.servedVersions())
                .withDetail("pending", models.pendingChampions())
                .withDetail("challengers", models.challengerVersions())
                .build();
    }
}
