package io.creditscoring.ingestion.intake;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch's rows so that a record PostgreSQL refuses for its data cannot hold back the others. Each write
 * runs in a savepoint of the batch's transaction; when PostgreSQL refuses the data ({@link DataRejection}), the
 * rows are halved and each half is written again, down to single rows. A single refused row becomes a rejection
 * ({@link RejectionReason#REJECTED_BY_DATABASE}) with PostgreSQL's reason; every other row is stored. One bad row
 * in a batch of n costs about 2·log2(n) more statements; a valid batch costs one savepoint.
 *
 * <p>Failures that retrying may cure (connection lost, server down, deadlock) are never split: they are thrown,
 * and the error handler retries the whole batch with back-off.
 */
@Component
class IsolatingWriter {

    private static final Logger log = LoggerFactory.getLogger(IsolatingWriter.class);

    private final TransactionTemplate savepoint;

    IsolatingWriter(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What was written: new rows, rows that conflict with stored ones, and rows PostgreSQL refused. */
    record Written<R extends IntakeRow>(int inserted, List<R> conflicts, List<Refused<R>> refused) {}

    /** A row PostgreSQL refused, and its reason. */
    record Refused<R extends IntakeRow>(R row, String reason) {

        Rejection rejection() {
            return Rejection.of(
                    row.source(),
                    row.portfolio(),
                    row.applicationId(),
                    RejectionReason.REJECTED_BY_DATABASE,
                    "$",
                    reason);
        }
    }

    /** Writes the rows; call it inside the batch's transaction. */
    <R extends IntakeRow> Written<R> write(List<R> rows, Function<List<R>, IntakeStore.StoreResult<R>> writer) {
        Progress<R> progress = new Progress<>();
        write(rows, writer, progress);
        return new Written<>(progress.inserted, progress.conflicts, progress.refused);
    }

    private <R extends IntakeRow> void write(
            List<R> rows, Function<List<R>, IntakeStore.StoreResult<R>> writer, Progress<R> progress) {
        if (rows.isEmpty()) {
            return;
        }
        IntakeStore.StoreResult<R> result;
        try {
            result = savepoint.execute(status -> writer.apply(rows));
        } catch (RuntimeException e) {
            Optional<SQLException> refusal = DataRejection.of(e);
            if (refusal.isEmpty()) {
                throw e;
            }
            if (rows.size() == 1) {
                R row = rows.getFirst();
                String reason = DataRejection.reason(refusal.get());
                log.warn(
                        "PostgreSQL refused {}-{}@{} ({} of portfolio {}): {}; dead-lettered",
                        row.source().topic(),
                        row.source().partition(),
                        row.source().offset(),
                        row.applicationId(),
                        row.portfolio(),
                        reason);
                progress.refused.add(new Refused<>(row, reason));
                return;
            }
            int half = rows.size() / 2;
            write(rows.subList(0, half), writer, progress);
            write(rows.subList(half, rows.size()), writer, progress);
            return;
        }
        progress.inserted += result.inserted();
        progress.conflicts.addAll(result.conflicts());
    }

    private static final class Progress<R extends IntakeRow> {
        int inserted;
        final List<R> conflicts = new ArrayList<>();
        final List<Refused<R>> refused = new ArrayList<>();
    }
}
