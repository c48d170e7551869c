package io.creditscoring.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings shared by every service, under {@code platform.security.*}.
 *
 * @param bootstrapKey a key stored at start-up when no key has its id yet (the standalone passes the key it
 *     generated); afterwards the stored key rules: a revoked bootstrap key stays revoked
 * @param bootstrapKeyId the id the bootstrap key is stored under
 * @param bootstrapRoles the roles the bootstrap key gets (every role unless set)
 * @param rotateBootstrapKey replace the stored bootstrap key when the configured secret differs from it, even if
 *     it was revoked: rotation through configuration is explicit
 * @param keyCacheTtl how long a verified key is trusted without a query; revocations reach the cache sooner,
 *     through the revision poll
 * @param keyCacheSize most keys (and unknown keys) kept in the cache
 * @param revocationCheckInterval how often the key revision is polled: the time within which a revocation or
 *     rotation made on any service takes effect here
 * @param migrate whether this service migrates the {@code security} schema (turn off where its database user may
 *     not change that schema)
 */
@Validated
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        String bootstrapKey,

        @DefaultValue("bootstrap-admin") @NotNull @Pattern(regexp = ApiKeyIds.PATTERN)
        String bootstrapKeyId,

        Set<Role> bootstrapRoles,
        @DefaultValue("false") boolean rotateBootstrapKey,
        @DefaultValue("10m") @NotNull Duration keyCacheTtl,
        @DefaultValue("10000") @Min(100) long keyCacheSize,
        @DefaultValue("1s") @NotNull Duration revocationCheckInterval,
        @DefaultValue("true") boolean migrate) {

    public PlatformSecurityProperties {
        bootstrapRoles = bootstrapRoles == null || bootstrapRoles.isEmpty()
                ? Set.copyOf(EnumSet.allOf(Role.class))
                : Set.copyOf(bootstrapRoles);
    }
}
