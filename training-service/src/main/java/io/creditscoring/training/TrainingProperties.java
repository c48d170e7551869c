package io.creditscoring.training;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the training-service, under {@code training.*}.
 *
 * @param topicPartitions partitions of the topics this service creates
 */
@Validated
@ConfigurationProperties("training")
public record TrainingProperties(@DefaultValue("2") @Min(1) int topicPartitions) {}
