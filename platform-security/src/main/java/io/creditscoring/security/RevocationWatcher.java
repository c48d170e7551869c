package io.creditscoring.security;

import io.creditscoring.lifecycle.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Polls the key revision so that a key revoked or rotated on any service stops working here within
 * {@code platform.security.revocation-check-interval}. While PostgreSQL cannot be reached the cache keeps the
 * keys it verified (for at most {@code key-cache-ttl}): a revocation cannot be made then anyway.
 */
final class RevocationWatcher extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);
    /** A check is one small query: a stop waits that long for it rather than interrupting it mid-way. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final ApiKeyStore keys;
    private volatile boolean failing;

    RevocationWatcher(ApiKeyStore keys, Duration interval) {
        super("api-key-revocations", Duration.ZERO, interval, STOP_WAIT);
        this.keys = keys;
    }

    @Override
    protected void runOnce() {
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
}
