package io.creditscoring.ingestion.csvimport;

/**
 * The answer to an object-store import: it runs in the background; follow it at
 * {@code GET /v1/portfolios/{portfolio}/imports/{importId}}.
 */
record ImportAccepted(String importId, ImportStatus status) {}
