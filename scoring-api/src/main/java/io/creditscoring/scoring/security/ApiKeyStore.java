package io.creditscoring.scoring.security;

import io.creditscoring.scoring.ScoringProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API keys in {@code scoring.api_keys}, stored only as SHA-256 hashes with their role. Lookups are cached by
 * hash for {@code scoring.security.key-cache-ttl}, so a revoked key stops working within that time and a
 * flood of wrong keys costs one query per distinct key and period.
 */
@Component
public class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CACHED = 10_000;

    private final JdbcClient jdbc;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ApiKeyStore(JdbcClient jdbc, ScoringProperties properties) {
        this.jdbc = jdbc;
        this.ttlNanos = properties.security().keyCacheTtl().toNanos();
    }

    /** The role of a key, empty when the key is unknown or revoked. */
    public Optional<Role> roleOf(String key) {
        String hash = sha256(key);
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && now - cached.loadedAt() < ttlNanos) {
            return Optional.ofNullable(cached.role());
        }
        Role role = jdbc.sql("select role from scoring.api_keys where key_sha256 = ? and revoked_at is null")
                .param(hash)
                .query(String.class)
                .optional()
                .map(Role::valueOf)
                .orElse(null);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash, new Cached(role, now));
        return Optional.ofNullable(role);
    }

    /** Creates a new random key with the role; the key itself is returned once and never stored. */
    public CreatedKey create(Role role, String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "csk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into scoring.api_keys (key_id, key_sha256, role) values (?, ?, ?)")
                .params(keyId, sha256(key), role.name())
                .update();
        return new CreatedKey(keyId, role, key);
    }

    /** Stores the key under the id with the role, replacing what the id held before (idempotent). */
    public void upsert(String keyId, String key, Role role) {
        String hash = sha256(key);
        jdbc.sql("delete from scoring.api_keys where key_id = ? and key_sha256 <> ?")
                .params(keyId, hash)
                .update();
        jdbc.sql("""
                        insert into scoring.api_keys (key_id, key_sha256, role) values (?, ?, ?)
                        on conflict (key_sha256) do update set role = excluded.role, revoked_at = null
                        """).params(keyId, hash, role.name()).update();
        cache.remove(hash);
    }

    /** Revokes a key by id; true when it existed and was active. */
    public boolean revoke(String keyId) {
        int changed = jdbc.sql("update scoring.api_keys set revoked_at = now() where key_id = ? and revoked_at is null")
                .param(keyId)
                .update();
        cache.clear();
        return changed > 0;
    }

    static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A freshly created key: the only time the key itself is shown. */
    public record CreatedKey(String keyId, Role role, String apiKey) {}

    private record Cached(Role role, long loadedAt) {}
}
