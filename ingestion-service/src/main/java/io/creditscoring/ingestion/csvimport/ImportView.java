package io.creditscoring.ingestion.csvimport;

import java.time.Instant;
import java.util.List;

/**
 * An import as recorded in {@code ingestion.imports}, readable on every replica while it runs.
 *
 * @param importId the import's id (the client's {@code X-Import-Id}, else one the service made)
 * @param portfolio the portfolio it imports into
 * @param source {@code request body} or the object's {@code s3://bucket/key}
 * @param status RUNNING, SUCCEEDED or FAILED
 * @param rowsRead data rows read so far
 * @param applicationsPublished applications the broker acknowledged
 * @param outcomesPublished outcomes the broker acknowledged
 * @param rejectedCount rows not published
 * @param rejected the first {@link ImportTracker#RECORDED_REJECTIONS} rejected rows with their reason
 * @param failureReason why a FAILED import stopped
 * @param startedAt when it got its id
 * @param updatedAt when its counters were last written (at most about a second behind while it runs)
 * @param finishedAt when it ended, null while RUNNING
 */
public record ImportView(
        String importId,
        String portfolio,
        String source,
        ImportStatus status,
        long rowsRead,
        long applicationsPublished,
        long outcomesPublished,
        long rejectedCount,
        List<ImportResult.RejectedRow> rejected,
        String failureReason,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt) {}
