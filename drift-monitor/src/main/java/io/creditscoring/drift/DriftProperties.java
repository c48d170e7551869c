package io.creditscoring.drift;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the drift-monitor, under {@code drift.*}.
 *
 * @param topicPartitions partitions of the topics this service creates
 * @param referenceMaxRows most reference rows read per model version (training saves up to 50,000)
 * @param referenceCacheSize model versions whose prepared reference stays in memory (champion and challenger of
 *     several portfolios; a 50,000-row reference takes about 10 MB)
 * @param driftShareThreshold share of drifted features at which the dataset drifts (Evidently's 0.5)
 * @param consumer the listeners of scoring events and outcomes
 * @param window how windows close
 * @param retrain when drift leads to a retrain request
 * @param performance matured-outcome checks
 * @param fairness approval parity on protected attributes
 * @param championChallenger the champion-challenger comparison on matured outcomes
 */
@Validated
@ConfigurationProperties("drift")
public record DriftProperties(
        @DefaultValue("2") @Min(1) int topicPartitions,
        @DefaultValue("50000") @Min(2) int referenceMaxRows,
        @DefaultValue("16") @Min(1) int referenceCacheSize,

        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
        double driftShareThreshold,

        @Valid @DefaultValue Consumer consumer,
        @Valid @DefaultValue Window window,
        @Valid @DefaultValue Retrain retrain,
        @Valid @DefaultValue Performance performance,
        @Valid @DefaultValue Fairness fairness,
        @Valid @DefaultValue ChampionChallenger championChallenger) {

    /**
     * @param groupId the consumer group of both listeners
     * @param autoStartup whether the listeners start with the application
     * @param outageRetry back-off while PostgreSQL is unavailable; such failures are retried without end
     */
    public record Consumer(
            @DefaultValue("drift-monitor") @NotBlank String groupId,
            @DefaultValue("true") boolean autoStartup,
            @Valid @DefaultValue OutageRetry outageRetry) {}

    /**
     * Exponential back-off between deliveries of a record that failed because PostgreSQL was unavailable.
     *
     * @param initialInterval the first wait
     * @param multiplier growth of each further wait
     * @param maxInterval the longest wait (keep it well below the consumer's {@code max.poll.interval.ms})
     */
    public record OutageRetry(
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10s") Duration maxInterval) {}

    /**
     * Tumbling windows per portfolio and model version, closed by count or by age, whichever comes first.
     *
     * @param maxEvents events that close a window
     * @param maxAge age of a window's first event (by receipt) that closes it
     * @param checkInterval how often open windows are checked
     * @param evaluatorShare share of one core the scheduled evaluations may take: after an evaluation that took
     *     {@code t}, the next waits {@code t * (1 - share) / share}, so a backlog of due windows cannot crowd out
     *     scoring on a small machine (1 evaluates back to back)
     */
    public record Window(
            @DefaultValue("5000") @Min(1) int maxEvents,
            @DefaultValue("1h") Duration maxAge,
            @DefaultValue("5s") Duration checkInterval,

            @DefaultValue("0.25") @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0")
            double evaluatorShare) {}

    /**
     * @param enabled whether retrain commands are sent at all
     * @param cooldown least time between two retrain requests of a portfolio
     * @param minWindowRows smallest window that may cause a retrain request
     * @param scorePsiThreshold score PSI that causes a retrain request (the "shift" band)
     */
    public record Retrain(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration cooldown,
            @DefaultValue("1000") @Min(1) int minWindowRows,
            @DefaultValue("0.25") double scorePsiThreshold) {}

    /**
     * @param minMaturedRows matured outcomes a window needs before AUC and KS are computed
     * @param aucDropThreshold drop from the model's test AUC that counts as degraded
     */
    public record Performance(
            @DefaultValue("200") @Min(2) int minMaturedRows,
            @DefaultValue("0.05") double aucDropThreshold) {}

    /**
     * @param minGroupRows smallest group whose adverse impact ratio may be flagged
     * @param adverseImpactThreshold ratio below which a group is flagged (four-fifths rule)
     * @param numericGroups quantile groups for a numeric protected attribute (such as age)
     */
    public record Fairness(
            @DefaultValue("30") @Min(1) int minGroupRows,
            @DefaultValue("0.8") double adverseImpactThreshold,
            @DefaultValue("4") @Min(2) int numericGroups) {}

    /**
     * Champion and challenger compared on the applications both scored (the challenger in the shadow) whose outcomes
     * have matured.
     *
     * @param minMaturedRows matured applications a comparison needs (and at least 2 defaulters and 2 others)
     * @param checkInterval how often each portfolio's registry pair is compared for the gauges and the promotion rule
     * @param differingSample application ids listed where the two decisions differ
     * @param calibrationBins equal-width probability bins of the expected calibration error
     * @param promotionRequest the optional rule that files a promotion request for a better challenger
     */
    public record ChampionChallenger(
            @DefaultValue("200") @Min(4) int minMaturedRows,
            @DefaultValue("10m") Duration checkInterval,
            @DefaultValue("10") @Min(0) @Max(100) int differingSample,
            @DefaultValue("10") @Min(1) @Max(100) int calibrationBins,
            @Valid @DefaultValue PromotionRequest promotionRequest) {}

    /**
     * Files a four-eyes promotion request (never promotes) when the challenger's AUC is higher than the champion's on
     * the same matured applications and DeLong's test says so with {@code p < alpha}. Off unless enabled.
     *
     * @param enabled whether the rule runs
     * @param alpha significance level of the two-sided test
     * @param minMaturedRows matured applications the rule needs before it acts (at least the comparison's minimum)
     */
    public record PromotionRequest(
            @DefaultValue("false") boolean enabled,

            @DefaultValue("0.05") @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("0.5")
            double alpha,

            @DefaultValue("1000") @Min(4) int minMaturedRows) {}
}
