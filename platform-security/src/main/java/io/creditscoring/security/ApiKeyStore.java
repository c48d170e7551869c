package io.creditscoring.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.creditscoring.model.Sha256;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys in {@code security.api_keys}: each stored only as the SHA-256 hash of the key, with its roles and an
 * optional expiry. Keys are 256 random bits, so a plain hash cannot be reversed by guessing.
 *
 * <p>Verified keys are cached (Caffeine, bounded, by hash) so that authentication costs no query on the scoring
 * path. Revoking or rotating a key bumps {@code security.key_revision}; every service polls that number (see
 * {@link #refreshIfChanged()}) and drops its cache when it moved, which is how a revocation reaches every service
 * and replica within the poll interval. Thread-safe.
 */
public class ApiKeyStore {

    /** Keys this platform issues start with this, so that leaked keys are easy to recognise in scanners. */
    public static final String KEY_PREFIX = "csk_";

    /** Longer header values are refused unhashed: no key of ours is that long. */
    static final int MAX_KEY_LENGTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<String, Lookup> verified;
    private volatile long revision = Long.MIN_VALUE;

    public ApiKeyStore(DataSource dataSource, Duration cacheTtl, long cacheSize, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .expireAfterWrite(cacheTtl)
                .build();
    }

    /** The key's identity, empty when the key is unknown, revoked or expired. */
    public Optional<ApiKeyPrincipal> authenticate(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        ApiKeyPrincipal principal = verified.get(hash(key), this::load).principal();
        if (principal == null || principal.expiredAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    private Lookup load(String hash) {
        return new Lookup(jdbc.sql("""
                        select key_id, roles, expires_at from security.api_keys
                        where key_sha256 = ? and revoked_at is null""")
                .param(hash)
                .query((rs, n) -> new ApiKeyPrincipal(
                        rs.getString("key_id"), roles(rs.getArray("roles")), instant(rs, "expires_at")))
                .optional()
                .orElse(null));
    }

    /**
     * Creates a key with a new random secret. The secret is returned here once and never stored.
     *
     * @throws DuplicateKeyException when the id is taken (also by a revoked key: ids are never reused)
     */
    public CreatedKey create(String keyId, Set<Role> roles, Instant expiresAt, String createdBy) {
        requireRoles(roles);
        String key = newKey();
        ApiKeyView view = jdbc.sql("""
                        insert into security.api_keys (key_id, key_sha256, roles, expires_at, created_by)
                        values (?, ?, ?, ?, ?) returning *""")
                .params(keyId, hash(key), roleArray(roles), timestamp(expiresAt), createdBy)
                .query(ApiKeyStore::view)
                .single();
        return new CreatedKey(view, key);
    }

    /**
     * Gives an active key a new secret; the old one stops working on every service within the revision poll
     * interval. Roles and expiry are kept.
     */
    public Optional<CreatedKey> rotate(String keyId, String rotatedBy) {
        String key = newKey();
        Optional<CreatedKey> created = transactions.execute(status -> {
            Optional<ApiKeyView> rotated = jdbc.sql("""
                            update security.api_keys set key_sha256 = ?, rotated_at = now(), rotated_by = ?
                            where key_id = ? and revoked_at is null returning *""")
                    .params(hash(key), rotatedBy, keyId)
                    .query(ApiKeyStore::view)
                    .optional();
            rotated.ifPresent(v -> bumpRevision());
            return rotated.map(v -> new CreatedKey(v, key));
        });
        verified.invalidateAll();
        return created;
    }

    /** Revokes an active key; true when there was one. Revoked keys stay revoked: nothing re-activates them. */
    public boolean revoke(String keyId, String revokedBy) {
        Boolean revoked = transactions.execute(status -> {
            int changed = jdbc.sql("""
                            update security.api_keys set revoked_at = now(), revoked_by = ?
                            where key_id = ? and revoked_at is null""").params(revokedBy, keyId).update();
            if (changed > 0) {
                bumpRevision();
            }
            return changed > 0;
        });
        if (Boolean.TRUE.equals(revoked)) {
            verified.invalidateAll();
        }
        return Boolean.TRUE.equals(revoked);
    }

    /** Every key, newest first, without secrets or hashes. */
    public List<ApiKeyView> list() {
        return jdbc.sql("select * from security.api_keys order by created_at desc, key_id")
                .query(ApiKeyStore::view)
                .list();
    }

    public Optional<ApiKeyView> find(String keyId) {
        return jdbc.sql("select * from security.api_keys where key_id = ?")
                .param(keyId)
                .query(ApiKeyStore::view)
                .optional();
    }

    /**
     * Stores the configured bootstrap key when its id is free. An existing bootstrap key is left as it is: a
     * revoked one stays revoked, and a different configured secret replaces the stored one only when
     * {@code rotate} is set, so that re-deploying old configuration cannot bring back a key an administrator
     * revoked.
     */
    public BootstrapOutcome ensureBootstrapKey(String keyId, String key, Set<Role> roles, boolean rotate) {
        requireRoles(roles);
        String hash = hash(key);
        BootstrapOutcome outcome = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('security.bootstrap-key'))")
                    .query((rs, n) -> 1)
                    .single();
            Optional<StoredHash> stored = jdbc.sql(
                            "select key_sha256, revoked_at is not null as revoked from security.api_keys where key_id = ?")
                    .param(keyId)
                    .query((rs, n) -> new StoredHash(rs.getString(1), rs.getBoolean(2)))
                    .optional();
            if (stored.isEmpty()) {
                jdbc.sql("""
                                insert into security.api_keys (key_id, key_sha256, roles, created_by)
                                values (?, ?, ?, 'configuration')""").params(keyId, hash, roleArray(roles)).update();
                return BootstrapOutcome.CREATED;
            }
            if (stored.get().sha256().equals(hash)) {
                return stored.get().revoked() ? BootstrapOutcome.REVOKED : BootstrapOutcome.UNCHANGED;
            }
            if (!rotate) {
                return BootstrapOutcome.DIFFERS;
            }
            jdbc.sql("""
                            update security.api_keys set key_sha256 = ?, roles = ?, revoked_at = null, revoked_by = null,
                                rotated_at = now(), rotated_by = 'configuration'
                            where key_id = ?""").params(hash, roleArray(roles), keyId).update();
            bumpRevision();
            return BootstrapOutcome.ROTATED;
        });
        verified.invalidateAll();
        return outcome;
    }

    /**
     * Drops every cached verification when a key was revoked or rotated anywhere since the last call. Called
     * periodically by every service.
     */
    public void refreshIfChanged() {
        long current = jdbc.sql("select revision from security.key_revision")
                .query(Long.class)
                .single();
        if (current != revision) {
            verified.invalidateAll();
            revision = current;
        }
    }

    private void bumpRevision() {
        jdbc.sql("update security.key_revision set revision = revision + 1").update();
    }

    static String hash(String key) {
        return Sha256.hex(key);
    }

    private static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one role");
        }
    }

    private static String[] roleArray(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Enum::name).toArray(String[]::new);
    }

    private static Set<Role> roles(Array array) throws SQLException {
        return Set.copyOf(Arrays.stream((Object[]) array.getArray())
                .map(r -> Role.valueOf((String) r))
                .toList());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(
                rs.getString("key_id"),
                roles(rs.getArray("roles")),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "expires_at"),
                instant(rs, "rotated_at"),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"));
    }

    /** A cache entry: the principal, or null for a key that is not active (cached too, so floods cost little). */
    private record Lookup(ApiKeyPrincipal principal) {}

    private record StoredHash(String sha256, boolean revoked) {}

    /** What {@link #ensureBootstrapKey} did. */
    public enum BootstrapOutcome {
        CREATED,
        UNCHANGED,
        /** the stored bootstrap key was revoked and stays so */
        REVOKED,
        /** the configured secret differs from the stored one, which is kept (rotation not asked for) */
        DIFFERS,
        ROTATED
    }

    /** A key as administrators see it: never its secret or hash. */
    public record ApiKeyView(
            String keyId,
            Set<Role> roles,
            Instant createdAt,
            String createdBy,
            Instant expiresAt,
            Instant rotatedAt,
            Instant revokedAt,
            String revokedBy) {}

    /** A key just created or rotated, with its secret: the only time the secret is shown. */
    public record CreatedKey(ApiKeyView key, String apiKey) {}
}
