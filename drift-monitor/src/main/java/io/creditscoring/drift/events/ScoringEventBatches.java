package io.creditscoring.drift.events;

import io.creditscoring.model.events.ScoringEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Stores a polled batch of scoring events with as few statements as its bad records allow: the records before the
 * first one that cannot be used are stored in one statement, then that record is reported to the container's error
 * handler by its index ({@link BatchFailures}), which commits the stored ones, dead-letters the bad one with its reason
 * and delivers the rest again. If PostgreSQL refuses the statement for a value of one record (a NUL character, say),
 * the events are stored one by one to find that record, so only it is dead-lettered. A failure to store because
 * PostgreSQL is unavailable is reported at the first record not stored, which the error handler retries until the
 * database is back: as with one record at a time, every record is stored or dead-lettered, never skipped.
 */
@Component
class ScoringEventBatches {

    private final DecisionLog log;

    ScoringEventBatches(DecisionLog log) {
        this.log = log;
    }

    void store(List<ConsumerRecord<String, ScoringEvent>> records) {
        List<ScoringEvent> checked = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ScoringEvent> record = records.get(i);
            RuntimeException unusable;
            try {
                checked.add(readable(record));
                continue;
            } catch (RuntimeException e) {
                unusable = e;
            }
            storeOrFail(checked);
            throw BatchFailures.at(i, unusable);
        }
        storeOrFail(checked);
    }

    /** The record's event, checked; a record that could not be deserialised fails with the deserialiser's reason. */
    private ScoringEvent readable(ConsumerRecord<String, ScoringEvent> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
        if (unreadable != null) {
            throw unreadable;
        }
        log.check(record.value());
        return record.value();
    }

    /** Stores the batch's first events (record i holds event i), or reports the failure at the record that caused it. */
    private void storeOrFail(List<ScoringEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            log.record(events);
        } catch (RuntimeException e) {
            if (events.size() == 1 || DatabaseOutage.causedBy(e)) {
                throw BatchFailures.at(0, e);
            }
            storeOneByOne(events);
        }
    }

    /** The statement failed because of a record: each event in a statement of its own finds it (and stores the rest). */
    private void storeOneByOne(List<ScoringEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                log.record(List.of(events.get(i)));
            } catch (RuntimeException e) {
                throw BatchFailures.at(i, e);
            }
        }
    }
}
