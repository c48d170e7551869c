package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox against a real broker: a promotion's event is published exactly once by the relay, also when the
 * first attempt to publish fails after the promotion committed; the one duplicate the design allows carries the
 * same outbox id.
 */
class OutboxRelayTest {

    private static ModelRegistry registry;
    private static JdbcClient jdbc;
    private static OutboxRelay relay;

    @BeforeAll
    static void start() {
        new RegistrySchemaMigration(SharedPostgres.dataSource());
        registry = new ModelRegistry(SharedPostgres.dataSource());
        jdbc = JdbcClient.create(SharedPostgres.dataSource());
        relay = relay(SharedKafka.bootstrapServers(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void aCommittedPromotionIsPublishedOnceWithItsOutboxId() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.7))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        long outboxId = outboxId(portfolio);

        relay.relay(1_000);
        relay.relay(1_000); // a second pass finds nothing left to send

        List<ConsumerRecord<String, String>> records = recordsFor(portfolio, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        ModelEvent event = CreditJson.json().readValue(record.value(), ModelEvent.class);
        assertThat(event.modelVersion()).isEqualTo(v1);
        assertThat(event.alias()).isEqualTo("champion");
        assertThat(new String(
                        record.headers()
                                .lastHeader(OutboxRelay.OUTBOX_ID_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(outboxId));
        assertThat(publishedAt(outboxId)).isNotNull();
    }

    @Test
    void aFailedPublishAfterTheCommitNeitherLosesNorDuplicatesTheEvent() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.7))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        long outboxId = outboxId(portfolio);

        // the promotion is committed; the broker is unreachable when the relay tries to publish
        try (OutboxRelay broken = relay("127.0.0.1:1", Duration.ofMillis(800))) {
            assertThat(broken.relay(1_000)).isZero();
        }
        assertThat(publishedAt(outboxId)).isNull();
        assertThat(jdbc.sql("select attempts from registry.outbox where outbox_id = ?")
                        .param(outboxId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // the next relay pass, with the broker back, publishes it; later passes do not send it again
        relay.relay(1_000);
        relay.relay(1_000);

        assertThat(recordsFor(portfolio, 1)).hasSize(1);
        assertThat(publishedAt(outboxId)).isNotNull();
    }

    /**
     * The documented duplicate: the relay dies after Kafka acknowledged the event and before its transaction
     * commits (simulated by a trigger that fails the {@code published_at} update once). The row stays unpublished
     * and the next pass sends it again, with the same {@value OutboxRelay#OUTBOX_ID_HEADER} header and payload, so
     * consumers can de-duplicate; nothing is lost and nothing is sent a third time.
     */
    @Test
    void aCrashBetweenTheAckAndTheCommitResendsTheEventWithTheSameOutboxId() {
        String portfolio = RegistryFixtures.newPortfolio();
        int v1 = registry.register(RegistryFixtures.version(registry, portfolio, 0.7))
                .version();
        registry.promote(portfolio, v1, ModelAlias.CHAMPION, "alice", "first");
        long outboxId = outboxId(portfolio);
        jdbc.sql("""
                        create or replace function registry.test_crash_before_commit() returns trigger
                        language plpgsql as $$ begin raise exception 'simulated crash before commit'; end $$""").update();
        jdbc.sql("create trigger test_crash_before_commit before update of published_at on registry.outbox"
                        + " for each row when (new.message_key = '" + portfolio + "' and new.published_at is not null)"
                        + " execute function registry.test_crash_before_commit()")
                .update();
        try {
            assertThat(relay.relay(1_000)).isZero();
        } finally {
            jdbc.sql("drop trigger test_crash_before_commit on registry.outbox").update();
            jdbc.sql("drop function registry.test_crash_before_commit()").update();
        }
        assertThat(publishedAt(outboxId)).isNull();

        relay.relay(1_000);
        relay.relay(1_000);

        List<ConsumerRecord<String, String>> records = recordsFor(portfolio, 2);
        assertThat(records).hasSize(2);
        assertThat(records)
                .extracting(r -> new String(
                        r.headers().lastHeader(OutboxRelay.OUTBOX_ID_HEADER).value(), StandardCharsets.UTF_8))
                .containsOnly(Long.toString(outboxId));
        assertThat(records.get(0).value()).isEqualTo(records.get(1).value());
        assertThat(publishedAt(outboxId)).isNotNull();
    }

    private static OutboxRelay relay(String bootstrap, Duration timeout) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) timeout.toMillis(),
                ProducerConfig.LINGER_MS_CONFIG,
                0);
        return new OutboxRelay(
                SharedPostgres.dataSource(),
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, String>(config)),
                timeout,
                Duration.ofSeconds(1));
    }

    private static long outboxId(String portfolio) {
        return jdbc.sql("select outbox_id from registry.outbox where message_key = ?")
                .param(portfolio)
                .query(Long.class)
                .single();
    }

    private static Object publishedAt(long outboxId) {
        return jdbc.sql("select published_at from registry.outbox where outbox_id = ?")
                .param(outboxId)
                .query((rs, n) -> rs.getObject(1))
                .optional()
                .orElse(null);
    }

    /** Reads the topic from the beginning until {@code expected} records of the portfolio arrived, then a bit more. */
    private static List<ConsumerRecord<String, String>> recordsFor(String portfolio, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            // assign rather than subscribe: no group rebalance to wait for
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (portfolio.equals(r.key())) {
                        found.add(r);
                    }
                }
                if (found.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    // keep reading a little longer so that a duplicate would be seen
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return found;
    }
}
