package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

@ScoringApiTest
class ModelEventsDeadLetterTest {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Test
    void anUnreadableModelEventGoesToTheDeadLetterTopicWithItsReason() {
        kafka.send(Topics.MODEL_EVENTS, "dlt-probe", "{not json".getBytes(StandardCharsets.UTF_8))
                .join();

        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            String dlt = Topics.deadLetter(Topics.MODEL_EVENTS);
            List<TopicPartition> partitions = consumer.partitionsFor(dlt).stream()
                    .map(p -> new TopicPartition(dlt, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
                                return seen.stream()
                                        .filter(r -> "dlt-probe".equals(r.key()))
                                        .findFirst()
                                        .orElse(null);
                            },
                            r -> r != null);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dead.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
        }
    }
}
