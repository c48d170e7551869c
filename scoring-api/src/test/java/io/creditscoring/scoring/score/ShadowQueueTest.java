package io.creditscoring.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.scoring.ScoringApiTest;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.scoring.fixtures.ModelRegistryFixture;
import io.creditscoring.scoring.fixtures.PipelineOnnxGraphs;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ChampionModels.ModelLease;
import io.creditscoring.scoring.model.ScoringModel;
import io.creditscoring.testsupport.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A full shadow queue skips and counts, and never makes the caller wait: a shadow scorer of the production class
 * with room for two applications, whose one worker is held back until the test lets it go, against the context's
 * real challenger and Kafka.
 */
@ScoringApiTest
class ShadowQueueTest {

    static final String PORTFOLIO = "taiwan-shadow-queue";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    ChampionModels models;

    @Test
    void aFullQueueSkipsTheRequestAndCountsItsApplicationsWithoutWaiting() throws Exception {
        ModelRegistryFixture registry = new ModelRegistryFixture(jdbc, kafka);
        for (int version = 1; version <= 2; version++) {
            ModelPipeline pipeline = TaiwanFixtures.logisticRegression(PORTFOLIO, version == 1 ? -1.6 : -0.5);
            registry.register(
                    version,
                    pipeline,
                    TaiwanFixtures.schema(PORTFOLIO),
                    PipelineOnnxGraphs.logisticRegression(pipeline.preprocessing(), (LinearModel) pipeline.model()));
        }
        registry.promote(PORTFOLIO, 1);
        registry.promoteChallenger(PORTFOLIO, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> models.hasChallenger(PORTFOLIO));

        CountDownLatch letGo = new CountDownLatch(1);
        ThreadFactory heldBack = task -> Thread.ofPlatform().daemon().unstarted(() -> {
            try {
                letGo.await();
            } catch (InterruptedException e) {
                return;
            }
            task.run();
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ShadowScoring shadow =
                new ShadowScoring(models, kafka, new ScoringProperties.Shadow(true, 1, 2), meters, heldBack);
        ScoreCard card = ScoreCard.of(new ScoringProperties.DecisionPolicy(600, 50, 20, 0.1, 0.3));
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ModelLease lease = models.lease(PORTFOLIO).orElseThrow()) {
            ScoringModel champion = lease.model();
            Request first = request(champion, run + "-1");
            Request second = request(champion, run + "-2");
            Request third = request(champion, run + "-3");
            Request fourthAndFifth = request(champion, run + "-4", run + "-5");

            // the worker is held back: each offer returning at all shows the caller never waits for it
            shadow.offer(champion, card, first.rows(), first.events());
            shadow.offer(champion, card, second.rows(), second.events());
            shadow.offer(champion, card, third.rows(), third.events());
            shadow.offer(champion, card, fourthAndFifth.rows(), fourthAndFifth.events());

            assertThat(meters.get("scoring.shadow.skipped")
                            .tags("portfolio", PORTFOLIO, "reason", "queue-full")
                            .counter()
                            .count())
                    .isEqualTo(3);
            assertThat(meters.get("scoring.shadow.queued").gauge().value()).isEqualTo(2);

            letGo.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("scoring.shadow.queued").gauge().value() == 0
                            && meters.find("scoring.shadow.published").counter().count() == 2);
            assertThat(meters.get("scoring.shadow.scored")
                            .tag("portfolio", PORTFOLIO)
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(shadowedApplications(run)).containsExactlyInAnyOrder(run + "-1", run + "-2");
        } finally {
            shadow.stop();
        }
    }

    private record Request(List<Map<String, Object>> rows, List<ScoringEvent> events) {}

    /** Applications valid for the champion, normalised by its validator, and their logged events. */
    private static Request request(ScoringModel champion, String... applicationIds) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ScoringEvent> events = new ArrayList<>();
        for (String id : applicationIds) {
            List<SchemaViolation> errors = new ArrayList<>();
            JsonNode features = CreditJson.json().valueToTree(TaiwanFixtures.riskyApplicant());
            Map<String, Object> row = champion.validator().validate(features, "features", errors);
            assertThat(errors).isEmpty();
            rows.add(row);
            events.add(new ScoringEvent(
                    UUID.randomUUID().toString(),
                    id,
                    PORTFOLIO,
                    champion.version(),
                    champion.algorithm(),
                    row,
                    0.4,
                    500,
                    io.creditscoring.model.events.Decision.DECLINE,
                    List.of(),
                    100,
                    Instant.now()));
        }
        return new Request(rows, events);
    }

    /** Application ids of this run whose event on the decision log carries a shadow. */
    private static Set<String> shadowedApplications(String run) {
        Set<String> ids = new CopyOnWriteArraySet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORING_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    ScoringEvent event = CreditJson.json().readValue(r.value(), ScoringEvent.class);
                    if (event.shadow() != null
                            && event.applicationId() != null
                            && event.applicationId().startsWith(run)) {
                        ids.add(event.applicationId());
                    }
                });
            }
        }
        return ids;
    }
}
