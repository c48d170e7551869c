package io.creditscoring.drift.events;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.RetryListener;

/**
 * Makes a database outage visible while the listeners wait it out: each failed delivery caused by it is logged as a
 * warning (without the stack trace) and counted in {@code drift_storage_outage_retries_total{topic}}.
 */
public class OutageRetries implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(OutageRetries.class);

    private final MeterRegistry meters;

    public OutageRetries(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        if (DatabaseOutage.causedBy(ex)) {
            meters.counter("drift.storage.outage.retries", "topic", record.topic())
                    .increment();
            log.warn(
                    "PostgreSQL unavailable; {}-{}@{} stays unstored and is retried (delivery {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deliveryAttempt,
                    NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
        }
    }
}
