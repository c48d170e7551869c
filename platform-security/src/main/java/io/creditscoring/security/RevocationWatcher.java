package io.creditscoring.security;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Polls the key revision so that a key revoked or rotated on any service stops working here within
 * {@code platform.security.revocation-check-interval}. While PostgreSQL cannot be reached the cache keeps the
 * keys it verified (for at most {@code key-cache-ttl}): a revocation cannot be made then anyway.
 */
final class RevocationWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    /** A check is one small query: a stop waits that long for it rather than interrupting it mid-way. */
    private static final long STOP_WAIT_SECONDS = 2;

    private final ApiKeyStore keys;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean failing;

    RevocationWatcher(ApiKeyStore keys, Duration interval) {
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("api-key-revocations").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            keys.refreshIfChanged();
            if (failing) {
                log.info("API key revisions readable again");
                failing = false;
            }
        } catch (DataAccessException e) {
            if (!failing) {
                log.warn(
                        "Cannot read API key revisions; revocations made elsewhere wait until PostgreSQL answers: {}",
                        e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
