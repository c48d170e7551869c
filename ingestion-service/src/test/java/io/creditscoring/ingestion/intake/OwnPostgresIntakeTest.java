package io.creditscoring.ingestion.intake;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IntakeTestSupport;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.testsupport.SharedKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Intake tests that stop PostgreSQL: the service gets a real PostgreSQL server of its own (same binaries as the
 * shared one, its own port and data directory) that a test may stop and start again, and the shared Kafka
 * broker. Subclasses set {@code ingestion.consumer.auto-startup=false} and a consumer group of their own, and
 * start the listeners with {@link #startConsumersAtTheEndOfTheTopics}.
 */
abstract class OwnPostgresIntakeTest {

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

    static void startPostgres() throws IOException {
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
            postgres = null;
        }
    }

    /** Registers the test schema under the portfolio's name. */
    void registerPortfolio(String portfolio) {
        catalog.registerIfAbsent(PortfolioSchemaReader.read(Payloads.SCHEMA.replace(Payloads.PORTFOLIO, portfolio)));
    }

    /** Publishes an application and its outcome for each id, and waits for the broker's acknowledgements. */
    void publish(List<String> ids, String portfolio) {
        CompletableFuture<?>[] sends = ids.stream()
                .flatMap(id -> Stream.of(
                        kafka.send(
                                Topics.APPLICATIONS,
                                id,
                                Payloads.application(id)
                                        .field("portfolio", portfolio)
                                        .json()),
                        kafka.send(Topics.OUTCOMES, id, outcome(id, portfolio))))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).join();
    }

    long storedCount(String portfolio) {
        return jdbc.sql("select count(*) from ingestion.applications where portfolio = ?")
                .param(portfolio)
                .query(Long.class)
                .single();
    }

    /** The group skips what other tests published before, then this context's listeners start. */
    void startConsumersAtTheEndOfTheTopics(String group) throws Exception {
        try (Admin admin = IntakeTestSupport.admin(SharedKafka.bootstrapServers())) {
            var partitions = IntakeTestSupport.partitions(admin);
            var ends = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get();
            Map<TopicPartition, OffsetAndMetadata> start = ends.entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
        listeners.getListenerContainers().forEach(c -> c.start());
    }

    private static String outcome(String id, String portfolio) {
        return CreditJson.json()
                .writeValueAsString(Map.of("applicationId", id, "portfolio", portfolio, "defaulted", false));
    }
}
