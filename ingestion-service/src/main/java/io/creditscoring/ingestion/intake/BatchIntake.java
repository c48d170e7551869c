package io.creditscoring.ingestion.intake;

import io.creditscoring.model.events.Topics;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one consumed batch: reads and validates every record, stores the valid ones in one transaction,
 * records and publishes the rejected ones (bad records, conflicts, and records PostgreSQL refused for their data,
 * isolated by the {@link IsolatingWriter}), and returns only when all of it is durable, so that the container
 * commits the offsets afterwards. A bad record never fails the batch; a transient failure of PostgreSQL or the
 * broker does, and the error handler retries the whole batch with back-off (idempotent writes make the retry
 * safe).
 */
@Service
class BatchIntake {

    private static final Logger log = LoggerFactory.getLogger(BatchIntake.class);

    private final SchemaLookup schemaLookup;
    private final ApplicationRecordReader applicationReader;
    private final OutcomeRecordReader outcomeReader;
    private final IntakeStore store;
    private final IsolatingWriter isolatingWriter;
    private final DeadLetterPublisher deadLetters;
    private final IntakeMetrics metrics;
    private final TransactionTemplate transaction;

    BatchIntake(
            SchemaLookup schemaLookup,
            ApplicationRecordReader applicationReader,
            OutcomeRecordReader outcomeReader,
            IntakeStore store,
            IsolatingWriter isolatingWriter,
            DeadLetterPublisher deadLetters,
            IntakeMetrics metrics,
            TransactionTemplate transaction) {
        this.schemaLookup = schemaLookup;
        this.applicationReader = applicationReader;
        this.outcomeReader = outcomeReader;
        this.store = store;
        this.isolatingWriter = isolatingWriter;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.transaction = transaction;
    }

    void applications(List<ConsumerRecord<String, String>> records) {
        process(Topics.APPLICATIONS, records, applicationReader::read, store::storeApplications);
    }

    void outcomes(List<ConsumerRecord<String, String>> records) {
        process(Topics.OUTCOMES, records, outcomeReader::read, store::storeOutcomes);
    }

    @FunctionalInterface
    private interface RecordReader<R extends IntakeRow> {
        R read(ConsumerRecord<String, String> record, SchemaLookup.ForBatch schemas);
    }

    private <R extends IntakeRow> void process(
            String topic,
            List<ConsumerRecord<String, String>> records,
            RecordReader<R> reader,
            Function<List<R>, IntakeStore.StoreResult<R>> writer) {
        try {
            processOrFail(topic, records, reader, writer);
        } catch (RuntimeException e) {
            metrics.batchFailed(topic);
            log.warn(
                    "Could not store a batch of {} records from {} ({}: {}); it will be retried",
                    records.size(),
                    topic,
                    e.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            throw e;
        }
    }

    private <R extends IntakeRow> void processOrFail(
            String topic,
            List<ConsumerRecord<String, String>> records,
            RecordReader<R> reader,
            Function<List<R>, IntakeStore.StoreResult<R>> writer) {
        SchemaLookup.ForBatch schemas = schemaLookup.forBatch();
        List<R> rows = new ArrayList<>(records.size());
        List<Rejection> rejections = new ArrayList<>();
        Map<String, R> firstById = HashMap.newHashMap(records.size());
        List<R> replays = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                R row = reader.read(record, schemas);
                R first = firstById.putIfAbsent(IntakeStore.rowKey(row.portfolio(), row.applicationId()), row);
                if (first == null) {
                    rows.add(row);
                } else if (first.contentSha256().equals(row.contentSha256())) {
                    replays.add(row);
                } else {
                    rejections.add(conflict(row));
                }
            } catch (RecordRejectedException e) {
                rejections.add(e.rejection());
            } catch (DataAccessException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn(
                        "Unexpected failure reading {}-{}@{}; dead-lettered",
                        topic,
                        record.partition(),
                        record.offset(),
                        e);
                rejections.add(Rejection.of(
                        record,
                        null,
                        null,
                        RejectionReason.PROCESSING_ERROR,
                        "$",
                        "unexpected failure: " + e.getClass().getSimpleName()));
            }
        }
        Timer.Sample sample = Timer.start();
        IntakeResult result = transaction.execute(status -> {
            IsolatingWriter.Written<R> written = isolatingWriter.write(rows, writer);
            List<Rejection> all = new ArrayList<>(rejections);
            written.conflicts().forEach(row -> all.add(conflict(row)));
            all.addAll(refusedWithTheirReplays(written.refused(), replays));
            List<Rejection> recordedNow = store.recordDeadLetters(all);
            deadLetters.publish(recordedNow);
            return new IntakeResult(written.inserted(), recordedNow);
        });
        List<Rejection> published = result.deadLettered();
        int stored = result.stored();
        sample.stop(metrics.batchWrite(topic));
        metrics.consumed(topic, records.size());
        metrics.stored(topic, stored);
        published.forEach(r -> metrics.deadLettered(topic, r.reason()));
        if (!published.isEmpty() && log.isDebugEnabled()) {
            published.forEach(r -> log.debug(
                    "Dead-lettered {}-{}@{}: {} {} {}",
                    topic,
                    r.source().partition(),
                    r.source().offset(),
                    r.reason(),
                    r.first().field(),
                    r.first().message()));
        }
    }

    private record IntakeResult(int stored, List<Rejection> deadLettered) {}

    /**
     * The rejections of the rows PostgreSQL refused, and of their identical copies later in the batch (read as
     * replays of the first and not written): the first was not stored, so each copy is a dead letter too.
     */
    private static <R extends IntakeRow> List<Rejection> refusedWithTheirReplays(
            List<IsolatingWriter.Refused<R>> refused, List<R> replays) {
        if (refused.isEmpty()) {
            return List.of();
        }
        Map<String, IsolatingWriter.Refused<R>> byKey = HashMap.newHashMap(refused.size());
        List<Rejection> rejections = new ArrayList<>(refused.size());
        for (IsolatingWriter.Refused<R> r : refused) {
            byKey.put(IntakeStore.rowKey(r.row().portfolio(), r.row().applicationId()), r);
            rejections.add(r.rejection());
        }
        for (R replay : replays) {
            IsolatingWriter.Refused<R> first =
                    byKey.get(IntakeStore.rowKey(replay.portfolio(), replay.applicationId()));
            if (first != null) {
                rejections.add(new IsolatingWriter.Refused<>(replay, first.reason()).rejection());
            }
        }
        return rejections;
    }

    private static Rejection conflict(IntakeRow row) {
        return Rejection.of(
                row.source(),
                row.portfolio(),
                row.applicationId(),
                RejectionReason.CONFLICT,
                "applicationId",
                "'" + row.applicationId() + "' of portfolio " + row.portfolio()
                        + " is already stored with other content; the stored record is kept");
    }
}
