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
    private final List<ScoringEvent> seen = new ArrayList<>();

    ScoringEventsProbe() {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORING_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every event read so far, after one more poll. */
    List<ScoringEvent> poll() {
        consumer.poll(Duration.ofMillis(500))
                .forEach(r -> seen.add(CreditJson.json().readValue(r.value(), ScoringEvent.class)));
        return List.copyOf(seen);
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
