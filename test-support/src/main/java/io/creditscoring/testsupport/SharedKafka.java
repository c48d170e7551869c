package io.creditscoring.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in this JVM) per test JVM, started on first use. Topics are created by the
 * services' own {@code NewTopic} beans, as in production.
 */
public final class SharedKafka {

    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {}

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 2);
            kraft.brokerProperty("auto.create.topics.enable", "true");
            kraft.brokerProperty("group.initial.rebalance.delay.ms", "0");
            kraft.afterPropertiesSet();
            broker = kraft;
            Runtime.getRuntime().addShutdownHook(new Thread(kraft::destroy, "stop-kafka"));
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().getBrokersAsString();
    }
}
