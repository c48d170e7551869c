package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every scoring event to {@code credit.scoring-events} without holding up the response: a request
 * only offers the event to a bounded queue, and one publisher thread hands queued events to the (idempotent,
 * acks=all) producer. A send that fails, after the producer's own retries, is sent again up to
 * {@code scoring.decision-log.retries} times; every failure is counted in
 * {@code scoring.events.publish.failures}, and an event given up on (or refused by a full queue) in
 * {@code scoring.events.dropped} and logged as an error. Both counters are alert conditions.
 */
@Component
public class DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

    private final KafkaTemplate<Object, Object> kafka;
    private final int retries;
    private final BlockingQueue<Pending> queue;
    private final Counter published;
    private final Counter failures;
    private final Counter dropped;
    private final Thread publisher;
    private volatile boolean running = true;

    DecisionLog(KafkaTemplate<Object, Object> kafka, ScoringProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.retries = properties.decisionLog().retries();
        this.queue = new ArrayBlockingQueue<>(properties.decisionLog().queueCapacity());
        this.published = Counter.builder("scoring.events.published")
                .description("Scoring events acknowledged by Kafka")
                .register(meters);
        this.failures = Counter.builder("scoring.events.publish.failures")
                .description("Failed attempts to publish a scoring event (each is retried)")
                .register(meters);
        this.dropped = Counter.builder("scoring.events.dropped")
                .description("Scoring events given up on after every retry, or refused by a full queue")
                .register(meters);
        Gauge.builder("scoring.events.queued", queue, BlockingQueue::size)
                .description("Scoring events waiting to be handed to the producer")
                .register(meters);
        this.publisher = Thread.ofPlatform().name("decision-log").daemon().start(this::drain);
    }

    /** Queues the event for publication; never blocks. */
    public void publish(ScoringEvent event) {
        offer(new Pending(event, 0));
    }

    private void offer(Pending pending) {
        if (!queue.offer(pending)) {
            dropped.increment();
            log.error(
                    "Decision log queue full: scoring event {} of {} dropped",
                    pending.event().eventId(),
                    pending.event().portfolio());
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            Pending pending;
            try {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending != null) {
                send(pending);
            }
        }
    }

    private void send(Pending pending) {
        ScoringEvent event = pending.event();
        String key = event.applicationId() != null ? event.applicationId() : event.eventId();
        try {
            kafka.send(Topics.SCORING_EVENTS, key, event).whenComplete((result, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    failed(pending, error);
                }
            });
        } catch (RuntimeException e) {
            failed(pending, e);
        }
    }

    private void failed(Pending pending, Throwable error) {
        failures.increment();
        if (pending.attempt() < retries) {
            log.warn(
                    "Publishing scoring event {} failed (attempt {}), retrying: {}",
                    pending.event().eventId(),
                    pending.attempt() + 1,
                    error.toString());
            offer(new Pending(pending.event(), pending.attempt() + 1));
        } else {
            dropped.increment();
            log.error(
                    "Scoring event {} of {} not published after {} attempts",
                    pending.event().eventId(),
                    pending.event().portfolio(),
                    pending.attempt() + 1,
                    error);
        }
    }

    /** Stops after publishing what is queued, waiting at most a few seconds. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        publisher.join(Duration.ofSeconds(5));
        kafka.flush();
    }

    private record Pending(ScoringEvent event, int attempt) {}
}
