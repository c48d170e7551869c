package io.creditscoring.ingestion.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.ingestion.IntakeTestSupport;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.testsupport.SharedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real PostgreSQL server of its own (same binaries as the shared one, its own port and data directory) is
 * stopped while records keep arriving and started again: every record must then be stored exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME,
            "ingestion.consumer.group-id=ingestion-outage-test",
            "ingestion.consumer.auto-startup=false",
            "ingestion.consumer.retry.max-interval=1s",
            "spring.datasource.hikari.connection-timeout=1000"
        })
@DirtiesContext
class PostgresOutageTest {

    private static final String GROUP = "ingestion-outage-test";
    private static final String PORTFOLIO = "outage-test-loans";
    private static final int PER_PHASE = 500;

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void ownPostgres(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("ingestion-outage-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startPostgres();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    }

    private static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void storesEveryRecordExactlyOnceAfterPostgresWasDownMidStream() throws Exception {
        catalog.registerIfAbsent(PortfolioSchemaReader.read(Payloads.SCHEMA.replace(Payloads.PORTFOLIO, PORTFOLIO)));
        startConsumersAtTheEndOfTheTopics();
        List<String> ids = IntStream.range(0, 2 * PER_PHASE)
                .mapToObj(i -> "outage-" + UUID.randomUUID())
                .toList();

        publish(ids.subList(0, PER_PHASE));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedCount() == PER_PHASE);

        postgres.close();
        publish(ids.subList(PER_PHASE, ids.size()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.find("ingestion.batch.failures").counters().stream()
                                .mapToDouble(c -> c.count())
                                .sum()
                        >= 6);
        startPostgres();

        // the probe shares the service's pool, which may still be reconnecting when PostgreSQL is back
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .until(() -> storedCount() == ids.size());
        IntakeTestSupport.awaitCaughtUp(SharedKafka.bootstrapServers(), GROUP, Duration.ofSeconds(30));
        assertThat(jdbc.sql("select application_id from ingestion.applications where portfolio = ?")
                        .param(PORTFOLIO)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jdbc.sql("select count(*) from ingestion.outcomes where portfolio = ?")
                        .param(PORTFOLIO)
                        .query(Long.class)
                        .single())
                .isEqualTo(ids.size());
        assertThat(jdbc.sql("select count(*) from ingestion.dead_letters")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long storedCount() {
        return jdbc.sql("select count(*) from ingestion.applications where portfolio = ?")
                .param(PORTFOLIO)
                .query(Long.class)
                .single();
    }

    private void publish(List<String> ids) {
        List<CompletableFuture<?>> sends = ids.stream()
                .flatMap(id -> java.util.stream.Stream.of(
                        kafka.send(
                                Topics.APPLICATIONS,
                                id,
                                Payloads.application(id)
                                        .field("portfolio", PORTFOLIO)
                                        .json()),
                        kafka.send(Topics.OUTCOMES, id, outcome(id))))
                .collect(Collectors.toList());
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    private static String outcome(String id) {
        return CreditJson.json()
                .writeValueAsString(Map.of("applicationId", id, "portfolio", PORTFOLIO, "defaulted", false));
    }

    /** This context's group skips what other tests published before, then its listeners start. */
    private void startConsumersAtTheEndOfTheTopics() throws Exception {
        try (Admin admin = IntakeTestSupport.admin(SharedKafka.bootstrapServers())) {
            var partitions = IntakeTestSupport.partitions(admin);
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get();
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> start = ends.entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(GROUP, start).all().get();
        }
        listeners.getListenerContainers().forEach(c -> c.start());
    }
}
