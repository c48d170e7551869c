package io.creditscoring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.testsupport.SharedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The key store against the real PostgreSQL; two stores stand for two services sharing the table. */
class ApiKeyStoreTest {

    static final Duration LONG_CACHE = Duration.ofHours(1);

    @BeforeAll
    static void migrate() {
        new SecuritySchema(SharedPostgres.dataSource(), true);
    }

    static ApiKeyStore store() {
        return new ApiKeyStore(SharedPostgres.dataSource(), LONG_CACHE, 1_000, Clock.systemUTC());
    }

    static String id() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void aCreatedKeyAuthenticatesWithItsRolesAndIsStoredOnlyAsItsHash() {
        ApiKeyStore keys = store();
        String id = id();

        ApiKeyStore.CreatedKey created = keys.create(id, EnumSet.of(Role.TRAINER, Role.READER), null, "tester");

        assertThat(created.apiKey()).startsWith("csk_").hasSizeGreaterThan(40);
        ApiKeyPrincipal principal = keys.authenticate(created.apiKey()).orElseThrow();
        assertThat(principal.keyId()).isEqualTo(id);
        assertThat(principal.roles()).containsExactlyInAnyOrder(Role.TRAINER, Role.READER);
        String stored = JdbcClient.create(SharedPostgres.dataSource())
                .sql("select key_sha256 from security.api_keys where key_id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).isNotEqualTo(created.apiKey()).hasSize(64).doesNotContain(created.apiKey());
        assertThat(keys.authenticate("csk_" + "x".repeat(43))).isEmpty();
        assertThat(keys.authenticate("x".repeat(ApiKeyStore.MAX_KEY_LENGTH + 1)))
                .isEmpty();
    }

    @Test
    void idsAreNeverReusedAndAKeyNeedsARole() {
        ApiKeyStore keys = store();
        String id = id();
        keys.create(id, Set.of(Role.READER), null, "tester");
        keys.revoke(id, "tester");

        assertThatThrownBy(() -> keys.create(id, Set.of(Role.READER), null, "tester"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> keys.create(id(), Set.of(), null, "tester"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRevocationOnOneServiceReachesAnotherThatCachedTheKeyAtItsNextRevisionCheck() {
        ApiKeyStore here = store();
        ApiKeyStore elsewhere = store();
        here.refreshIfChanged();
        elsewhere.refreshIfChanged();
        String id = id();
        String key = here.create(id, Set.of(Role.SCORER), null, "tester").apiKey();
        assertThat(elsewhere.authenticate(key)).isPresent(); // now cached there for an hour

        assertThat(here.revoke(id, "admin-1")).isTrue();

        assertThat(here.authenticate(key)).isEmpty();
        assertThat(elsewhere.authenticate(key))
                .as("still cached until the revision is read")
                .isPresent();
        elsewhere.refreshIfChanged();
        assertThat(elsewhere.authenticate(key)).isEmpty();
        assertThat(here.find(id).orElseThrow().revokedBy()).isEqualTo("admin-1");
        assertThat(here.revoke(id, "admin-1")).as("already revoked").isFalse();
    }

    @Test
    void rotationGivesANewSecretAndEndsTheOldOneEverywhere() {
        ApiKeyStore here = store();
        ApiKeyStore elsewhere = store();
        elsewhere.refreshIfChanged();
        String id = id();
        String old = here.create(id, Set.of(Role.APPROVER), null, "tester").apiKey();
        assertThat(elsewhere.authenticate(old)).isPresent();

        String fresh = here.rotate(id, "admin-1").orElseThrow().apiKey();
        elsewhere.refreshIfChanged();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(elsewhere.authenticate(old)).isEmpty();
        assertThat(elsewhere.authenticate(fresh).orElseThrow().roles()).containsExactly(Role.APPROVER);
        assertThat(here.rotate("no-such-key", "admin-1")).isEmpty();
    }

    @Test
    void anExpiredKeyIsRefusedEvenWhenCached() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(now);
        ApiKeyStore keys = new ApiKeyStore(SharedPostgres.dataSource(), LONG_CACHE, 1_000, clock);
        String key = keys.create(id(), Set.of(Role.READER), now.plusSeconds(60), "tester")
                .apiKey();
        assertThat(keys.authenticate(key)).isPresent();

        clock.now = now.plusSeconds(60);

        assertThat(keys.authenticate(key)).isEmpty();
    }

    @Test
    void aRevokedBootstrapKeyStaysRevokedAcrossRestarts() {
        String id = id();
        String key = "configured-" + UUID.randomUUID();
        ApiKeyStore first = store();
        assertThat(first.ensureBootstrapKey(id, key, EnumSet.allOf(Role.class), false))
                .isEqualTo(ApiKeyStore.BootstrapOutcome.CREATED);
        assertThat(first.authenticate(key).orElseThrow().roles()).containsAll(EnumSet.allOf(Role.class));
        first.revoke(id, "admin-1");

        ApiKeyStore restarted = store();
        assertThat(restarted.ensureBootstrapKey(id, key, EnumSet.allOf(Role.class), false))
                .isEqualTo(ApiKeyStore.BootstrapOutcome.REVOKED);
        assertThat(restarted.ensureBootstrapKey(id, key, EnumSet.allOf(Role.class), true))
                .as("asking for rotation with the same secret does not bring it back")
                .isEqualTo(ApiKeyStore.BootstrapOutcome.REVOKED);
        assertThat(restarted.authenticate(key)).isEmpty();
    }

    @Test
    void aDifferentConfiguredBootstrapKeyReplacesTheStoredOneOnlyWhenRotationIsAskedFor() {
        String id = id();
        ApiKeyStore keys = store();
        keys.ensureBootstrapKey(id, "first-secret-" + id, Set.of(Role.ADMIN), false);
        keys.revoke(id, "admin-1");

        assertThat(keys.ensureBootstrapKey(id, "second-secret-" + id, Set.of(Role.ADMIN), false))
                .isEqualTo(ApiKeyStore.BootstrapOutcome.DIFFERS);
        assertThat(keys.authenticate("second-secret-" + id)).isEmpty();

        assertThat(keys.ensureBootstrapKey(id, "second-secret-" + id, Set.of(Role.ADMIN), true))
                .isEqualTo(ApiKeyStore.BootstrapOutcome.ROTATED);
        assertThat(keys.authenticate("second-secret-" + id)).isPresent();
        assertThat(keys.authenticate("first-secret-" + id)).isEmpty();
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {

        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
