package io.creditscoring.scoring.score;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.ShadowScore;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.scoring.decisionlog.DecisionLog;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ChampionModels.ModelLease;
import io.creditscoring.scoring.model.ScoringModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Shadow scoring: every application a portfolio's champion decided is scored again by the portfolio's challenger
 * ({@link ChampionModels#leaseChallenger}), after the answer's decision has been logged and off the request's
 * thread, and the result is published to the decision log as the same scoring event with {@code shadow} filled in
 * (same event id and key). The caller never sees the shadow result and never waits for it.
 *
 * <p>Bounded both ways. CPU: {@code scoring.shadow.threads} worker threads (default 1, so at most one core; the
 * challenger's ONNX Runtime session, like every session here, runs single-threaded). Memory: at most
 * {@code scoring.shadow.queue-capacity} applications wait or are being scored; a request whose applications do not
 * fit is skipped whole and counted in {@code scoring.shadow.skipped} (reason {@code queue-full}), so a burst the
 * challenger cannot keep up with costs the champion a counter increment, never a wait. The request thread does a
 * map read, an atomic add and a queue offer.
 *
 * <p>The challenger may have been trained on another schema snapshot than the champion: the champion's normalised
 * features, restricted to the challenger's features, are then validated again by the challenger's validator, and
 * an application it refuses is skipped (reason {@code invalid}). Publication goes through the service's shared
 * producer (idempotent, {@code acks=all}); a failed send is counted in {@code scoring.shadow.publish.failures}
 * and not retried: the shadow result is evidence for a promotion, not a record a decision depends on. Shadow
 * scores still queued when the service stops are dropped.
 */
@Component
class ShadowScoring {

    private static final Logger log = LoggerFactory.getLogger(ShadowScoring.class);

    static final String QUEUE_FULL = "queue-full";
    static final String NO_CHALLENGER = "no-challenger";
    static final String INVALID = "invalid";
    static final String FAILED = "failed";

    private final ChampionModels models;
    private final KafkaTemplate<Object, Object> kafka;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final int capacity;
    private final ThreadPoolExecutor workers;
    /** Applications admitted and not finished: waiting in the queue or being scored. */
    private final AtomicInteger queued = new AtomicInteger();

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter publishFailures;

    @Autowired
    ShadowScoring(
            ChampionModels models,
            KafkaTemplate<Object, Object> kafka,
            ScoringProperties properties,
            MeterRegistry meters) {
        this(
                models,
                kafka,
                properties.shadow(),
                meters,
                Thread.ofPlatform().name("shadow-scoring-", 1).daemon().factory());
    }

    /** @param threads makes the worker threads (tests hold one back to fill the queue) */
    ShadowScoring(
            ChampionModels models,
            KafkaTemplate<Object, Object> kafka,
            ScoringProperties.Shadow settings,
            MeterRegistry meters,
            ThreadFactory threads) {
        this.models = models;
        this.kafka = kafka;
        this.meters = meters;
        this.enabled = settings.enabled();
        this.capacity = settings.queueCapacity();
        this.workers = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.MILLISECONDS,
                // unbounded as a queue, bounded by the admission count in applications
                new LinkedBlockingQueue<>(),
                threads);
        Gauge.builder("scoring.shadow.queued", queued, AtomicInteger::get)
                .description("Applications waiting for the challenger or being scored by it")
                .register(meters);
        this.published = Counter.builder("scoring.shadow.published")
                .description("Shadow scoring events acknowledged by Kafka")
                .register(meters);
        this.publishFailures = Counter.builder("scoring.shadow.publish.failures")
                .description("Shadow scoring events Kafka did not acknowledge (not retried)")
                .register(meters);
    }

    /**
     * Offers a request's logged decisions to the portfolio's challenger; returns at once. Nothing happens when the
     * portfolio has no challenger; a request that does not fit in the queue is skipped and counted.
     *
     * @param champion the model that decided
     * @param card the portfolio's score card, which turns the challenger's probabilities into points and decisions
     * @param rows each application's features as the champion's validator normalised them
     * @param events the logged scoring events, in the order of the rows
     */
    void offer(ScoringModel champion, ScoreCard card, List<Map<String, Object>> rows, List<ScoringEvent> events) {
        String portfolio = champion.portfolio();
        if (!enabled || !models.hasChallenger(portfolio)) {
            return;
        }
        int n = events.size();
        if (queued.addAndGet(n) > capacity) {
            queued.addAndGet(-n);
            skipped(portfolio, QUEUE_FULL).increment(n);
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    score(portfolio, champion.schema(), card, rows, events);
                } finally {
                    queued.addAndGet(-n);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.addAndGet(-n); // shutting down
            skipped(portfolio, QUEUE_FULL).increment(n);
        }
    }

    private void score(
            String portfolio,
            PortfolioSchema championSchema,
            ScoreCard card,
            List<Map<String, Object>> rows,
            List<ScoringEvent> events) {
        try (ModelLease lease = models.leaseChallenger(portfolio).orElse(null)) {
            if (lease == null) {
                skipped(portfolio, NO_CHALLENGER).increment(events.size());
                return;
            }
            ScoringModel challenger = lease.model();
            List<Map<String, Object>> scorable = new ArrayList<>(rows.size());
            List<ScoringEvent> scored = new ArrayList<>(rows.size());
            boolean sameSchema = challenger.schema().equals(championSchema);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> row = sameSchema ? rows.get(i) : forChallenger(challenger, rows.get(i));
                if (row == null) {
                    skipped(portfolio, INVALID).increment();
                } else {
                    scorable.add(row);
                    scored.add(events.get(i));
                }
            }
            if (scorable.isEmpty()) {
                return;
            }
            double[] probabilities = challenger.probabilities(scorable);
            for (int i = 0; i < probabilities.length; i++) {
                double pd = probabilities[i];
                publish(scored.get(i)
                        .withShadow(new ShadowScore(challenger.version(), pd, card.points(pd), card.decision(pd))));
            }
            counter("scoring.shadow.scored", portfolio, null).increment(probabilities.length);
        } catch (RuntimeException e) {
            skipped(portfolio, FAILED).increment(events.size());
            log.warn("Shadow scoring of {} application(s) of {} failed: {}", events.size(), portfolio, e.toString());
        }
    }

    /**
     * The champion's normalised features as the challenger's validator reads them (features the challenger does not
     * know left out), or null when they are not valid for it.
     */
    private static Map<String, Object> forChallenger(ScoringModel challenger, Map<String, Object> row) {
        Map<String, Object> known = new HashMap<>();
        challenger.validator().features().forEach(f -> {
            if (row.containsKey(f.name())) {
                known.put(f.name(), row.get(f.name()));
            }
        });
        List<SchemaViolation> errors = new ArrayList<>();
        Map<String, Object> normalised =
                challenger.validator().validate(CreditJson.json().valueToTree(known), "features", errors);
        return errors.isEmpty() ? normalised : null;
    }

    private void publish(ScoringEvent event) {
        try {
            kafka.send(Topics.SCORING_EVENTS, DecisionLog.key(event), event).whenComplete((result, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    publishFailures.increment();
                    log.warn("Shadow score of scoring event {} not published: {}", event.eventId(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            publishFailures.increment();
            log.warn("Shadow score of scoring event {} not published: {}", event.eventId(), e.toString());
        }
    }

    private Counter skipped(String portfolio, String reason) {
        return counter("scoring.shadow.skipped", portfolio, reason);
    }

    private Counter counter(String name, String portfolio, String reason) {
        return counters.computeIfAbsent(name + '\u0000' + portfolio + '\u0000' + reason, k -> {
            Counter.Builder builder = Counter.builder(name).tag("portfolio", portfolio);
            if (reason != null) {
                builder.tag("reason", reason)
                        .description("Applications the challenger did not score: queue-full, no-challenger (gone before"
                                + " its turn), invalid (not valid for its schema), failed");
            } else {
                builder.description("Applications scored by the portfolio's challenger");
            }
            return builder.register(meters);
        });
    }

    /** Stops the workers; shadow scores still queued are dropped (they are evidence, not decisions). */
    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
