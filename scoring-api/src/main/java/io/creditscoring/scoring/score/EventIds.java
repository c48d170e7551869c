package io.creditscoring.scoring.score;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scoring event ids: UUIDs of version 7 (RFC 9562), the time in milliseconds followed by 74 random bits.
 *
 * <p>Ids made later sort later, also as text, so the drift monitor's primary key on {@code event_id} grows at its
 * end instead of splitting pages all over its index. The random bits come from the thread's own generator: an id
 * identifies a decision, it is no secret, and {@code UUID.randomUUID()} takes a lock around {@code /dev/urandom}
 * on every scoring request.
 */
final class EventIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private EventIds() {}

    static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = epochMillis << 16 | VERSION_7 | random.nextLong() & 0x0FFFL;
        long leastSignificant = VARIANT_RFC | random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        return new UUID(mostSignificant, leastSignificant);
    }
}
