package io.creditscoring.drift;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the drift-monitor, under {@code drift.*}.
 *
 * @param topicPartitions partitions of the topics this service creates
 */
@Validated
@ConfigurationProperties("drift")
public record DriftProperties(@DefaultValue("2") @Min(1) int topicPartitions) {}
