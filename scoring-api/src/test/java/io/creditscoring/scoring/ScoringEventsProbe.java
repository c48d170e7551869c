package io.creditscoring.scoring;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code credit.scoring-events} from the start, for tests that look for the events of their calls. */
final class ScoringEventsProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<Logged> seen = new ArrayList<>();

    /** An event and where it is on the topic. */
    private record Logged(TopicPartition partition, long offset, ScoringEvent event) {}

    ScoringEventsProbe() {
        this(SharedKafka.bootstrapServers());
    }

    ScoringEventsProbe(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.SCORING_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * The events the topic held at the moment of the call: its end offsets are taken first, then everything up
     * to them is read, however long that takes. An event acknowledged before the call is among them; one written
     * after it is not looked for.
     */
    List<ScoringEvent> onTopicNow() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            poll();
        }
        // a poll may also return records written after the end offsets were taken: those do not count
        return seen.stream()
                .filter(l -> l.offset() < end.get(l.partition()))
                .map(Logged::event)
                .toList();
    }

    /** Every event read so far, after one more poll. */
    List<ScoringEvent> poll() {
        consumer.poll(Duration.ofMillis(500))
                .forEach(r -> seen.add(new Logged(
                        new TopicPartition(r.topic(), r.partition()),
                        r.offset(),
                        CreditJson.json().readValue(r.value(), ScoringEvent.class))));
        return seen.stream().map(Logged::event).toList();
    }

    List<ScoringEvent> forApplication(String applicationId) {
        return poll().stream()
                .filter(e -> applicationId.equals(e.applicationId()))
                .toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
