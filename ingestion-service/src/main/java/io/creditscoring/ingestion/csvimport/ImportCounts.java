package io.creditscoring.ingestion.csvimport;

import java.util.List;

/**
 * How far an import has come: the counters its progress record holds.
 *
 * @param rowsRead data rows read so far
 * @param applicationsPublished applications the broker acknowledged
 * @param outcomesPublished outcomes the broker acknowledged
 * @param rejectedCount rows not published
 * @param rejected the first rejected rows with their reason
 */
public record ImportCounts(
        long rowsRead,
        long applicationsPublished,
        long outcomesPublished,
        long rejectedCount,
        List<ImportResult.RejectedRow> rejected) {

    /** The counters of a finished import whose every rejected row is listed. */
    static ImportCounts of(ImportResult result) {
        return new ImportCounts(
                result.rowsRead(),
                result.applicationsPublished(),
                result.outcomesPublished(),
                result.rejected().size(),
                result.rejected());
    }
}
