package io.creditscoring.ingestion.intake;

import io.creditscoring.model.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Intake meters: {@code ingestion.records.consumed}, {@code ingestion.records.stored},
 * {@code ingestion.records.dead.lettered} (tag {@code reason}), all tagged by {@code topic};
 * {@code ingestion.batch.write} (time of one batch's database transaction); {@code ingestion.batch.failures}
 * (batches that failed and are retried). Consumer lag comes from the Kafka client's own metrics
 * ({@code kafka.consumer.fetch.manager.records.lag}), bound by Spring Boot.
 *
 * <p>Every counter of the consumed topics is registered at 0 when the service starts: a dead letter or a failed
 * batch is then an increase that {@code rate()} and {@code increase()} see, not a new series that alerts would
 * miss.
 */
@Component
class IntakeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String topic : List.of(Topics.APPLICATIONS, Topics.OUTCOMES)) {
            counter("ingestion.records.consumed", topic, null);
            counter("ingestion.records.stored", topic, null);
            counter("ingestion.batch.failures", topic, null);
            for (RejectionReason reason : RejectionReason.values()) {
                counter("ingestion.records.dead.lettered", topic, reason);
            }
        }
    }

    void consumed(String topic, int count) {
        counter("ingestion.records.consumed", topic, null).increment(count);
    }

    void stored(String topic, int count) {
        counter("ingestion.records.stored", topic, null).increment(count);
    }

    void deadLettered(String topic, RejectionReason reason) {
        counter("ingestion.records.dead.lettered", topic, reason).increment();
    }

    void batchFailed(String topic) {
        counter("ingestion.batch.failures", topic, null).increment();
    }

    Timer batchWrite(String topic) {
        return Timer.builder("ingestion.batch.write")
                .description("time to write one consumed batch to PostgreSQL")
                .tag("topic", topic)
                .register(registry);
    }

    private Counter counter(String name, String topic, RejectionReason reason) {
        String key = name + '|' + topic + '|' + reason;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name).tag("topic", topic);
            if (reason != null) {
                builder.tag("reason", reason.name());
            }
            return builder.register(registry);
        });
    }
}
