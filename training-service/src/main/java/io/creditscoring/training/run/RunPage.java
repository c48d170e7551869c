package io.creditscoring.training.run;

import java.util.List;

/**
 * A page of the run list, newest first.
 *
 * @param page the page number, from 0
 * @param size the most runs a page holds
 * @param total how many runs match the filters, on every page
 */
public record RunPage(List<RunSummary> runs, int page, int size, long total) {}
