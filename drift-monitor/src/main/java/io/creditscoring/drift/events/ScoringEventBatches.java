package io.creditscoring.drift.events;

import io.creditscoring.model.events.ScoringEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Stores a polled batch of scoring events with as few statements as its bad records allow: the records before the
 * first one that cannot be used are stored in one statement, then that record is reported to the container's error
 * handler by its index ({@link BatchListenerFailedException}), which commits the stored ones, dead-letters the bad
 * one with its reason and delivers the rest again. A failure to store (PostgreSQL unavailable) is reported at the
 * first record not stored, which the error handler retries until the database is back: as with one record at a time,
 * every record is stored or dead-lettered, never skipped.
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
            throw new BatchListenerFailedException(unusable.getMessage(), unusable, i);
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

    /** Stores the batch's first events, or reports the failure at its first record. */
    private void storeOrFail(List<ScoringEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            log.record(events);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("storing scoring events failed", e, 0);
        }
    }
}
