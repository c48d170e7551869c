package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The decision log in {@code async} mode, best effort, for those who choose answers that never wait for Kafka
 * over a complete log: a request only offers its events to a bounded queue, and one publisher thread hands
 * queued events to the (idempotent, acks=all) producer after the answer has gone. A send that fails, after the
 * producer's own retries, is sent again up to {@code scoring.decision-log.retries} times; every failure is
 * counted in {@code scoring.events.publish.failures}, and an event given up on (or refused by a full queue) in
 * {@code scoring.events.dropped} and logged as an error. Both counters are alert conditions. Queued events are
 * lost if the process dies.
 */
public class AsyncDecisionLog implements DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(AsyncDecisionLog.class);

    /** How long the publisher gathers events before handing them to the producer (which lingers 10 ms itself). */
    static final Duration GATHER = Duration.ofMillis(5);

    private final KafkaTemplate<Object, Object> kafka;
    private final int retries;
    private final BlockingQueue<Pending> queue;
    private final Counter published;
    private final Counter failures;
    private final Counter dropped;
    private final Thread publisher;
    private volatile boolean running = true;

    AsyncDecisionLog(
            KafkaTemplate<Object, Object> kafka, ScoringProperties.DecisionLog settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.retries = settings.retries();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        DecisionLogMeters counters = DecisionLogMeters.register(meters);
        this.published = counters.published();
        this.failures = counters.failures();
        this.dropped = counters.dropped();
        Gauge.builder("scoring.events.queued", queue, BlockingQueue::size)
                .description("Async mode: scoring events waiting to be handed to the producer")
                .register(meters);
        this.publisher = Thread.ofPlatform().name("decision-log").daemon().start(this::drain);
    }

    /** Queues the events for publication; never blocks and never refuses (a full queue drops and counts). */
    @Override
    public void record(List<ScoringEvent> events) {
        for (ScoringEvent event : events) {
            offer(new Pending(event, 0));
        }
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

    /**
     * Hands events over in batches: after the first event that wakes it, the publisher waits {@link #GATHER} and takes
     * every event queued meanwhile. Waking it for each event, as a plain take would under load, cost more CPU (the
     * park, the wake-up and the context switch) than handing the event to the producer.
     */
    private void drain() {
        List<Pending> batch = new ArrayList<>();
        boolean interrupted = false;
        while (!interrupted && (running || !queue.isEmpty())) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running) {
                    Thread.sleep(GATHER);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true; // what was taken is still handed over
            }
            queue.drainTo(batch);
            batch.forEach(this::send);
            batch.clear();
        }
    }

    private void send(Pending pending) {
        ScoringEvent event = pending.event();
        try {
            kafka.send(Topics.SCORING_EVENTS, DecisionLog.key(event), event).whenComplete((result, error) -> {
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
    @Override
    public void close() {
        running = false;
        try {
            publisher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.flush();
    }

    private record Pending(ScoringEvent event, int attempt) {}
}
