package io.creditscoring.scoring.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.kafka.CreditJsonSerializer;
import io.creditscoring.model.events.Topics;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.testsupport.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The async decision log against the real broker: what callers queue reaches the topic, each event once. */
class AsyncDecisionLogTest {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    @Test
    void everyEventQueuedByConcurrentCallersIsPublishedOnce() {
        var producers = new DefaultKafkaProducerFactory<Object, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                CreditJsonSerializer.class,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                10));
        var meters = new SimpleMeterRegistry();
        var settings = new ScoringProperties.DecisionLog(
                ScoringProperties.DecisionLog.Mode.ASYNC, Duration.ofSeconds(3), Duration.ofMillis(1), 3, 10_000);
        String run = UUID.randomUUID().toString();
        List<String> ids = IntStream.range(0, 1200).mapToObj(i -> run + "-" + i).toList();
        AsyncDecisionLog log = new AsyncDecisionLog(new KafkaTemplate<>(producers), settings, meters);
        try {
            // four callers, each recording its share in requests of one to five events
            CompletableFuture.allOf(IntStream.range(0, 4)
                            .mapToObj(caller -> CompletableFuture.runAsync(() -> {
                                List<String> mine = ids.subList(caller * 300, caller * 300 + 300);
                                for (int from = 0; from < mine.size(); ) {
                                    int to = Math.min(mine.size(), from + 1 + from % 5);
                                    log.record(mine.subList(from, to).stream()
                                            .map(id -> DecisionLogEvents.event(id, "app-" + id))
                                            .toList());
                                    from = to;
                                }
                            }))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            log.close();
            producers.destroy();
        }

        // the producer's callbacks count an event once its broker acknowledged it
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                meters.get("scoring.events.published").counter().count())
                        .isEqualTo(ids.size()));
        assertThat(meters.get("scoring.events.dropped").counter().count()).isZero();
        assertThat(publishedEventIds(run)).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** The ids of this run's events on the scoring-events topic, as often as they are there. */
    private static List<String> publishedEventIds(String run) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORING_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    Matcher id = EVENT_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    if (id.find() && id.group(1).startsWith(run)) {
                        found.add(id.group(1));
                    }
                }
            }
            return found;
        }
    }
}
