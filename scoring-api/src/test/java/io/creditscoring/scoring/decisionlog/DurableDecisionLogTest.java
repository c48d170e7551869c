package io.creditscoring.scoring.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.kafka.CreditJsonSerializer;
import io.creditscoring.model.events.ScoringEvent;
import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

class DurableDecisionLogTest {

    static final ScoringProperties.DecisionLog SETTINGS = new ScoringProperties.DecisionLog(
            ScoringProperties.DecisionLog.Mode.DURABLE, Duration.ofSeconds(1), Duration.ofMillis(2), 3, 10);

    @Test
    void aBatchThatFindsNoBrokerIsRefusedWithinAboutTheTimeoutAndAllItsDecisionsAreWithheld() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var producers = new DefaultKafkaProducerFactory<Object, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CreditJsonSerializer.class));
        var meters = new SimpleMeterRegistry();
        DurableDecisionLog log = new DurableDecisionLog(producers, SETTINGS, meters);
        List<ScoringEvent> batch = IntStream.range(0, 20)
                .mapToObj(i -> DecisionLogEvents.event("app-" + i + "-event", "app-" + i))
                .toList();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> log.record(batch))
                    .isInstanceOf(DecisionNotRecordedException.class)
                    .satisfies(e -> assertThat(((DecisionNotRecordedException) e).events())
                            .isEqualTo(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took)
                    .as("refused within about the acknowledgement timeout (1 s), not once per event (20 s)")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(meters.get("scoring.decisions.withheld").counter().count())
                    .isEqualTo(20.0);
            assertThat(meters.get("scoring.events.publish.failures").counter().count())
                    .isEqualTo(20.0);
            assertThat(meters.get("scoring.events.published").counter().count()).isZero();
        } finally {
            log.close();
            producers.destroy();
        }
    }

    @Test
    void theProducerGivesUpWithinTheRequestsDeadline() {
        Map<String, Object> overrides = DurableDecisionLog.producerOverrides(SETTINGS);

        assertThat(overrides)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 2)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000L)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000)
                // the producer refuses a delivery timeout below linger + request timeout
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 998);
    }

    @Test
    void anAcknowledgementTimeoutNoLongerThanTheLingerIsRefused() {
        assertThatThrownBy(() -> new ScoringProperties.DecisionLog(
                        ScoringProperties.DecisionLog.Mode.DURABLE, Duration.ofMillis(5), Duration.ofMillis(5), 3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ack-timeout");
    }
}
