package io.creditscoring.ingestion.stats;

/**
 * What is stored for a portfolio.
 *
 * @param applications stored applications
 * @param outcomes stored outcomes (some may wait for their application)
 * @param labeled applications that have an outcome
 * @param deadLettered records dead-lettered that named this portfolio
 */
public record IngestionStats(long applications, long outcomes, long labeled, long deadLettered) {}
