package io.creditscoring.scoring;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the scoring-api, under {@code scoring.*}.
 *
 * @param topicPartitions partitions of the topics this service creates
 */
@Validated
@ConfigurationProperties("scoring")
public record ScoringProperties(@DefaultValue("2") @Min(1) int topicPartitions) {}
