package io.creditscoring.drift.challenger;

import io.creditscoring.drift.DriftProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code drift.champion-challenger.check-interval}, compares each portfolio's champion and challenger as the
 * registry names them now, sets the gauges and lets the {@link ChallengerPromotionRule} consider the result. One
 * thread; a failure is logged and the next check tries again.
 */
@Component
class ChampionChallengerScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChampionChallengerScheduler.class);

    private final ChampionChallenger comparisons;
    private final ChampionChallengerRepository repository;
    private final ChampionChallengerMetrics metrics;
    private final ChallengerPromotionRule rule;
    private final DriftProperties properties;
    private ScheduledExecutorService executor;

    ChampionChallengerScheduler(
            ChampionChallenger comparisons,
            ChampionChallengerRepository repository,
            ChampionChallengerMetrics metrics,
            ChallengerPromotionRule rule,
            DriftProperties properties) {
        this.comparisons = comparisons;
        this.repository = repository;
        this.metrics = metrics;
        this.rule = rule;
        this.properties = properties;
    }

    /** Compares every registry pair now: gauges and promotion rule. */
    void checkAll() {
        for (ChampionChallengerRepository.RegistryPair pair : repository.registryPairs()) {
            try {
                comparisons
                        .compare(pair.portfolio(), pair.champion(), pair.challenger(), null)
                        .ifPresent(c -> {
                            metrics.compared(c);
                            ChallengerPromotionRule.Outcome outcome = rule.consider(c);
                            log.debug("Champion-challenger {}: {}", pair, outcome.reason());
                        });
            } catch (RuntimeException e) {
                log.error("Champion-challenger comparison of {} failed; retrying at the next check", pair, e);
            }
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "champion-challenger");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.championChallenger().checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            log.error("Champion-challenger check failed; retrying at the next interval", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
