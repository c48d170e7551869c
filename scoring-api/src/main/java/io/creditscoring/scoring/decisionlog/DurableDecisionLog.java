package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * The decision log in {@code durable} mode (the default): a request's decisions are given only once Kafka has
 * acknowledged every one of their events (idempotent producer, {@code acks=all}), so no answer exists without
 * its record. The request thread (virtual) waits on its sends; concurrent requests wait together, so the
 * producer puts their events into shared batches ({@code scoring.decision-log.linger}).
 *
 * <p>Kafka gets {@code scoring.decision-log.ack-timeout} from the start of the request's first send. When it has
 * not acknowledged every event by then, or refused one, {@link #record} throws, the caller answers 503 and no
 * decision of the request is given; {@code scoring.decisions.withheld} counts them. The producer's own limits are
 * set from the same timeout ({@code max.block.ms}, {@code delivery.timeout.ms}, {@code request.timeout.ms}), so
 * it gives up on an event about when the request does and does not keep retrying it behind the caller's back.
 * A write whose acknowledgement did not arrive in time may still have reached the broker (as with any
 * at-least-once log); such events of withheld decisions, and the acknowledged part of a refused batch, are
 * counted in {@code scoring.events.withheld.logged} and logged with their event ids, so that a dispute can tell
 * them from decisions given.
 */
public class DurableDecisionLog implements DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(DurableDecisionLog.class);

    private final KafkaTemplate<Object, Object> kafka;
    private final Duration ackTimeout;
    private final DecisionLogMeters meters;
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param producers the service's producer factory; this log uses its own producer, made from it with the
     *     settings the durable promise needs
     */
    DurableDecisionLog(
            ProducerFactory<Object, Object> producers, ScoringProperties.DecisionLog settings, MeterRegistry meters) {
        this.ackTimeout = settings.ackTimeout();
        this.kafka = new KafkaTemplate<>(producers, producerOverrides(settings));
        this.meters = DecisionLogMeters.register(meters);
    }

    /**
     * Connects the producer once the service is up, off the start-up thread: its metadata and producer id are
     * then ready before the first decision, which would otherwise wait for them.
     */
    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        Thread.ofVirtual().name("decision-log-connect").start(() -> {
            try {
                kafka.partitionsFor(Topics.SCORING_EVENTS);
            } catch (KafkaException e) {
                log.warn("Decision log: Kafka not reachable yet ({}); decisions wait for it", e.toString());
            }
        });
    }

    /** Producer settings that keep the producer's own timeouts within the request's deadline. */
    static Map<String, Object> producerOverrides(ScoringProperties.DecisionLog settings) {
        long timeout = settings.ackTimeout().toMillis();
        long linger = settings.linger().toMillis();
        return Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                (int) linger,
                // waiting for metadata or buffer space when the broker is away
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout,
                // from the send to the acknowledgement, retries included; must be >= linger + request timeout
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) (timeout - linger),
                ProducerConfig.CLIENT_ID_CONFIG,
                "scoring-api-decision-log");
    }

    @Override
    public void record(List<ScoringEvent> events) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<CompletableFuture<SendResult<Object, Object>>> acks = new ArrayList<>(events.size());
        try {
            for (ScoringEvent event : events) {
                // a send that found no broker has failed after max.block.ms: each other one would wait as long
                if (System.nanoTime() - deadline > 0
                        || (!acks.isEmpty() && acks.getLast().isCompletedExceptionally())) {
                    break;
                }
                acks.add(kafka.send(Topics.SCORING_EVENTS, DecisionLog.key(event), event));
            }
            for (CompletableFuture<SendResult<Object, Object>> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (acks.size() < events.size()) {
                throw new TimeoutException("the producer took too long to accept the events");
            }
        } catch (ExecutionException e) {
            throw withheld(events, acks, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw withheld(events, acks, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw withheld(events, acks, e);
        }
        meters.published().increment(events.size());
        if (failing.compareAndSet(true, false)) {
            log.info("Decision log: Kafka acknowledges scoring events again; decisions are given again");
        }
    }

    /**
     * Counts and logs a request whose decisions are withheld, and watches the events whose fate is still open:
     * those Kafka acknowledges later are in the log although their decision was not given.
     */
    private DecisionNotRecordedException withheld(
            List<ScoringEvent> events, List<CompletableFuture<SendResult<Object, Object>>> acks, Throwable cause) {
        meters.withheld().increment(events.size());
        int unacknowledged = 0;
        for (int i = 0; i < acks.size(); i++) {
            CompletableFuture<SendResult<Object, Object>> ack = acks.get(i);
            ScoringEvent event = events.get(i);
            if (ack.isDone() && !ack.isCompletedExceptionally()) {
                loggedAnyway(event, "acknowledged, but another event of its request was not");
            } else {
                unacknowledged++;
                ack.thenRun(() -> loggedAnyway(event, "acknowledged after the deadline"));
            }
        }
        meters.failures().increment(unacknowledged + (events.size() - acks.size()));
        DecisionNotRecordedException e = DecisionNotRecordedException.notAcknowledged(events.size(), ackTimeout, cause);
        if (failing.compareAndSet(false, true)) {
            log.error(
                    "Decision log: Kafka does not acknowledge scoring events; decisions are withheld (503)"
                            + " until it does",
                    e);
        } else {
            log.debug("Decision log: {} decision(s) withheld", events.size(), e);
        }
        return e;
    }

    private void loggedAnyway(ScoringEvent event, String how) {
        meters.withheldButLogged().increment();
        log.warn(
                "Scoring event {} (application {}, portfolio {}) is in the decision log but its decision was"
                        + " withheld: {}",
                event.eventId(),
                event.applicationId(),
                event.portfolio(),
                how);
    }

    /** Closes this log's producer, after the sends still in flight (bounded by the delivery timeout). */
    @Override
    public void close() {
        kafka.destroy();
    }
}
