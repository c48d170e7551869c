package io.creditscoring.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the scoring-api, under {@code scoring.*}.
 *
 * @param topicPartitions partitions of the topics this service creates
 * @param maxBatchSize most applications one batch request may hold
 * @param maxBodyBytes largest request body accepted, in bytes (single, batch and OIP requests)
 * @param registryCheckInterval how often the registry is polled for new champions, the fallback when a
 *     {@code credit.model-events} message is missed
 * @param policy the score card and cut-offs of portfolios not listed under {@code portfolios}
 * @param portfolios per-portfolio score card and cut-offs, by portfolio id
 * @param decisionLog publishing of scoring events
 * @param shadow shadow scoring with the portfolio's challenger
 */
@Validated
@ConfigurationProperties("scoring")
public record ScoringProperties(
        @DefaultValue("2") @Min(1) int topicPartitions,
        @DefaultValue("1000") @Min(1) @Max(100_000) int maxBatchSize,
        @DefaultValue("4194304") @Min(1024) long maxBodyBytes,
        @DefaultValue("30s") @NotNull Duration registryCheckInterval,
        @DefaultValue @Valid DecisionPolicy policy,
        @Valid Map<String, DecisionPolicy> portfolios,
        @DefaultValue @Valid DecisionLog decisionLog,
        @DefaultValue @Valid Shadow shadow) {

    public ScoringProperties {
        portfolios = portfolios == null ? Map.of() : Map.copyOf(portfolios);
    }

    /** The policy in force for a portfolio: its own, or the default one. */
    public DecisionPolicy policyFor(String portfolio) {
        return portfolios.getOrDefault(portfolio, policy);
    }

    /**
     * How a probability of default becomes score points and a decision.
     *
     * @param baseScore points at the base odds (600)
     * @param baseOdds good:bad odds that earn the base score (50, meaning 50:1)
     * @param pointsToDoubleOdds points that double the good:bad odds, the PDO (20)
     * @param approveBelow a probability of default below this is approved
     * @param declineAtOrAbove a probability of default at or above this is declined; in between is referred
     */
    public record DecisionPolicy(
            @DefaultValue("600") double baseScore,
            @DefaultValue("50") @Positive double baseOdds,
            @DefaultValue("20") @Positive double pointsToDoubleOdds,

            @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1")
            double approveBelow,

            @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1")
            double declineAtOrAbove) {}

    /**
     * @param mode {@code durable}: a decision is given only once Kafka has acknowledged its scoring event, else
     *     the call answers 503; {@code async}: events are queued and published after the answer, best effort
     * @param ackTimeout durable mode: how long Kafka has to acknowledge a request's events before its decisions
     *     are withheld (503); the decision-log producer's own timeouts are set from it
     * @param linger durable mode: how long the producer waits to gather the events of concurrent requests into
     *     one batch (its {@code linger.ms}); every decision waits up to this long more
     * @param retries async mode: re-sends of an event whose publication failed, before it is counted as dropped
     * @param queueCapacity async mode: events waiting to be handed to the producer; beyond it events are dropped
     *     and counted
     */
    public record DecisionLog(
            @DefaultValue("durable") @NotNull Mode mode,
            @DefaultValue("3s") @NotNull Duration ackTimeout,
            @DefaultValue("1ms") @NotNull Duration linger,
            @DefaultValue("3") @Min(0) int retries,
            @DefaultValue("100000") @Min(1) int queueCapacity) {

        public DecisionLog {
            if (ackTimeout != null && linger != null && ackTimeout.compareTo(linger) <= 0) {
                throw new IllegalArgumentException("scoring.decision-log.ack-timeout (" + ackTimeout
                        + ") must be longer than scoring.decision-log.linger (" + linger + ")");
            }
        }

        /** What the answer waits for: Kafka's acknowledgement of its event, or nothing. */
        public enum Mode {
            DURABLE,
            ASYNC
        }
    }

    /**
     * Shadow scoring: every application a portfolio's champion decided is scored again by its challenger, off the
     * response path, and the result logged; the caller never sees it and never waits for it.
     *
     * @param enabled whether portfolios with a challenger are shadow scored at all
     * @param threads worker threads, each at most one core: the CPU share shadow scoring may take
     * @param queueCapacity applications waiting for (or in) shadow scoring; beyond it the applications of a request
     *     are skipped and counted ({@code scoring.shadow.skipped}, reason {@code queue-full}), never waited for
     */
    public record Shadow(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") @Min(1) @Max(64) int threads,
            @DefaultValue("10000") @Min(1) int queueCapacity) {}
}
