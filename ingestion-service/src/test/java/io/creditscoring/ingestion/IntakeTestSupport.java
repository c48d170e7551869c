package io.creditscoring.ingestion;

import static org.awaitility.Awaitility.await;

import io.creditscoring.model.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Broker-side helpers for ingestion tests: consumer-group progress and reading dead-letter topics. */
public final class IntakeTestSupport {

    private IntakeTestSupport() {}

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Waits until the group has committed every record of both input topics. */
    public static void awaitCaughtUp(String bootstrapServers, String group, Duration timeout) {
        try (Admin admin = admin(bootstrapServers)) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> lag(admin, group) == 0);
        }
    }

    public static long lag(Admin admin, String group) throws Exception {
        Set<TopicPartition> partitions = partitions(admin);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get();
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    public static Set<TopicPartition> partitions(Admin admin) throws Exception {
        return admin
                .describeTopics(List.of(Topics.APPLICATIONS, Topics.OUTCOMES))
                .allTopicNames()
                .get()
                .values()
                .stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    /** Reads both dead-letter topics from the beginning until every expected key has been seen. */
    public static Map<String, ConsumerRecord<String, String>> readDeadLetters(
            String bootstrapServers, Set<String> keys, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<String, ConsumerRecord<String, String>> seen = new HashMap<>();
        Predicate<String> wanted = keys::contains;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.APPLICATIONS), Topics.deadLetter(Topics.OUTCOMES)));
            await().atMost(timeout).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && wanted.test(record.key())) {
                        seen.putIfAbsent(record.key(), record);
                    }
                }
                return seen.keySet().containsAll(keys);
            });
        }
        return seen;
    }

    /** Every dead letter (all keys) on both DLT topics: the sum of their end offsets. */
    public static long deadLetterTopicSize(String bootstrapServers) throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(List.of(Topics.deadLetter(Topics.APPLICATIONS), Topics.deadLetter(Topics.OUTCOMES)))
                    .allTopicNames()
                    .get()
                    .values()
                    .forEach(d ->
                            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            return admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .values()
                    .stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }
}
