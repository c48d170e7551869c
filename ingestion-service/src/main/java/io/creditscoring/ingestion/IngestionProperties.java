package io.creditscoring.ingestion;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ingestion service, under {@code ingestion.*}.
 *
 * @param registerBundledPortfolios register the bundled portfolios at start-up when they are absent
 * @param topicPartitions partitions of the topics this service creates
 */
@Validated
@ConfigurationProperties("ingestion")
public record IngestionProperties(
        @DefaultValue("true") boolean registerBundledPortfolios,
        @DefaultValue("2") @Min(1) int topicPartitions) {}
