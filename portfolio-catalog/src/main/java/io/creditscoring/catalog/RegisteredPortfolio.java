package io.creditscoring.catalog;

import io.creditscoring.model.portfolio.PortfolioSchema;
import java.time.Instant;

/** A portfolio schema as stored: its version and when that version was registered. */
public record RegisteredPortfolio(String portfolio, int version, Instant registeredAt, PortfolioSchema schema) {}
