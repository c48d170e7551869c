package io.creditscoring.scoring.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.kafka.CreditJsonSerializer;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

class DecisionLogFailureTest {

    @Test
    void inAsyncModeABrokerThatCannotBeReachedIsRetriedCountedAndNeverBlocksTheCaller() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var producers = new DefaultKafkaProducerFactory<Object, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CreditJsonSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 100,
                ProducerConfig.LINGER_MS_CONFIG, 0));
        var meters = new SimpleMeterRegistry();
        var settings = new ScoringProperties.DecisionLog(
                ScoringProperties.DecisionLog.Mode.ASYNC, Duration.ofSeconds(3), Duration.ofMillis(1), 2, 10);
        AsyncDecisionLog log = new AsyncDecisionLog(new KafkaTemplate<>(producers), settings, meters);
        try {
            long before = System.nanoTime();
            log.record(List.of(DecisionLogEvents.event("e-1", "app-1")));
            long offerNanos = System.nanoTime() - before;

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("scoring.events.dropped").counter().count() == 1.0);
            assertThat(meters.get("scoring.events.publish.failures").counter().count())
                    .as("the first attempt and both retries failed")
                    .isEqualTo(3.0);
            assertThat(meters.get("scoring.events.published").counter().count()).isZero();
            assertThat(offerNanos)
                    .as("publish only queues the event")
                    .isLessThan(Duration.ofMillis(150).toNanos());
        } finally {
            log.close();
            producers.destroy();
        }
    }
}
