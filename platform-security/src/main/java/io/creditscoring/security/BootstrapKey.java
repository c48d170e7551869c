package io.creditscoring.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores the configured bootstrap key at start-up, when one is configured (see {@link ApiKeyStore#ensureBootstrapKey}). */
final class BootstrapKey {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);

    BootstrapKey(ApiKeyStore keys, PlatformSecurityProperties properties) {
        String key = properties.bootstrapKey();
        if (key == null || key.isBlank()) {
            return;
        }
        String id = properties.bootstrapKeyId();
        switch (keys.ensureBootstrapKey(
                id, key.strip(), properties.bootstrapRoles(), properties.rotateBootstrapKey())) {
            case CREATED -> log.info("Bootstrap API key stored (as its SHA-256 hash) under id '{}'", id);
            case UNCHANGED -> log.debug("Bootstrap API key '{}' already stored", id);
            case REVOKED ->
                log.warn(
                        "Bootstrap API key '{}' was revoked and stays revoked; configure a new key with"
                                + " platform.security.rotate-bootstrap-key=true to replace it",
                        id);
            case DIFFERS ->
                log.warn(
                        "The configured bootstrap API key differs from the one stored as '{}', which is"
                                + " kept; set platform.security.rotate-bootstrap-key=true to replace it",
                        id);
            case ROTATED -> log.warn("Bootstrap API key '{}' replaced by the configured one (rotation asked for)", id);
        }
    }
}
