package io.creditscoring.ingestion.csvimport;

import java.util.List;

/**
 * What an import did.
 *
 * @param importId this import's id, also in the service's log lines about it
 * @param rowsRead data rows read (not counting a header row)
 * @param applicationsPublished applications published to {@code credit.applications}
 * @param outcomesPublished outcomes published to {@code credit.outcomes}
 * @param rejected rows not published, with the reason (the first {@link CsvImporter#MAX_REPORTED_REJECTIONS})
 */
public record ImportResult(
        String importId,
        long rowsRead,
        long applicationsPublished,
        long outcomesPublished,
        List<RejectedRow> rejected) {

    /**
     * @param row the 1-based data row (a header row is not counted)
     * @param message what is wrong with it
     */
    public record RejectedRow(long row, String message) {}
}
