package io.creditscoring.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the model registry library, under {@code registry.*}, in every service that includes it.
 *
 * @param outbox the outbox relay
 * @param promotion the post-run promotion policy
 * @param migrate whether this service migrates the {@code registry} schema at start-up; turn it off in every
 *     service but the schema's owner (training) where each service has its own database user
 */
@Validated
@ConfigurationProperties("registry")
public record RegistryProperties(
        @DefaultValue @Valid Outbox outbox,
        @DefaultValue @Valid Promotion promotion,
        @DefaultValue("true") boolean migrate) {

    /**
     * @param relayEnabled whether this service runs the relay (several may: one works at a time)
     * @param pollInterval pause between relay passes
     * @param sendTimeout how long to wait for Kafka's acknowledgement of one event
     */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("10s") Duration sendTimeout) {}

    /** @param aucMargin how much the challenger's test AUC must beat the champion's to replace it */
    public record Promotion(
            @DefaultValue("0.005") @DecimalMin("0.0") @DecimalMax("0.5")
            double aucMargin) {}
}
