package io.creditscoring.ingestion.csvimport;

import java.util.List;

/**
 * One page of a portfolio's imports, newest first.
 *
 * @param imports the imports on this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total every import of the portfolio
 */
public record ImportPage(List<ImportView> imports, int page, int size, long total) {}
