package io.creditscoring.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long millis = Instant.parse("2026-12-02T08:00:00.123Z").toEpochMilli();

        UUID id = EventIds.next(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        // RFC 9562: the first 48 bits are the Unix time in milliseconds
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void laterIdsSortLaterAsText() {
        long millis = Instant.parse("2026-12-02T08:00:00Z").toEpochMilli();

        String earlier = EventIds.next(millis).toString();
        String later = EventIds.next(millis + 1).toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        long millis = Instant.parse("2026-12-02T08:00:00Z").toEpochMilli();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EventIds.next(millis));
        }
        assertThat(ids).hasSize(100_000);
    }
}
