package io.creditscoring.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the portfolio catalog library, under {@code catalog.*}, in every service that includes it.
 *
 * @param migrate whether this service migrates the {@code catalog} schema at start-up; turn it off in every service
 *     but the schema's owner (ingestion) where each service has its own database user
 */
@ConfigurationProperties("catalog")
public record CatalogProperties(@DefaultValue("true") boolean migrate) {}
