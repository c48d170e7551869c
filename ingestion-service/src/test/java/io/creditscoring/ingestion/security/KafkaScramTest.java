package io.creditscoring.ingestion.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.SharedPostgres;
import io.creditscoring.testsupport.TestKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Kafka authentication is configuration only: against a KRaft broker whose client listener is SASL_PLAINTEXT with
 * SCRAM-SHA-512 alone, the ingestion service, given its credentials through the environment variables a deployment
 * sets (SPRING_KAFKA_SECURITY_PROTOCOL, SPRING_KAFKA_PROPERTIES_SASL_MECHANISM, SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG),
 * declares its topics, publishes a CSV import and consumes it back; the same configuration with a wrong password, or
 * a user the broker does not know, is refused by the broker's authentication.
 */
class KafkaScramTest {

    private static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    private static final String USER = "ingestion-service";
    private static final String PASSWORD = "ingestion-" + UUID.randomUUID();

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext ingestion;

    @BeforeAll
    static void startABrokerThatAsksForScram() throws Exception {
        // the embedded broker publishes its address in system properties; the shared broker's tests rely on them
        String embeddedBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        String bootstrapServers = System.getProperty(BOOTSTRAP_SERVERS);
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        // The clients' listener (the test kit's EXTERNAL) asks for SASL; the controller's stays internal. SCRAM users
        // live in the cluster metadata and are created through a broker by an authenticated admin (the test kit
        // cannot format storage with them, and the controller does not take this call directly): that admin logs in
        // with PLAIN, a fixed user of this listener. The service only ever uses SCRAM-SHA-512.
        String adminPassword = "admin-" + UUID.randomUUID();
        broker.brokerProperty("listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        broker.brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        broker.brokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        broker.brokerProperty(
                "listener.name.external.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                        + adminPassword + "\" user_admin=\"" + adminPassword + "\";");
        broker.brokerProperty(
                "listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        restore(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, embeddedBrokers);
        restore(BOOTSTRAP_SERVERS, bootstrapServers);

        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM,
                "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG,
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                        + adminPassword + "\";"))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // the broker learns the new user from the metadata log shortly after
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> clusterId(deploymentEnvironment(USER, PASSWORD)) != null);

        Map<String, Object> environment = deploymentEnvironment(USER, PASSWORD);
        ingestion = IngestionServiceApplication.builder()
                .bannerMode(Banner.Mode.OFF)
                .initializers(context -> context.getEnvironment()
                        .getPropertySources()
                        .addBefore(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource("deployment-systemEnvironment", environment)))
                .run(
                        "--server.port=0",
                        // a system property set by the shared broker would win over the environment
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                        "--spring.datasource.username=" + SharedPostgres.username(),
                        "--spring.datasource.password=" + SharedPostgres.password(),
                        "--platform.security.bootstrap-key=" + TestKeys.ALL_ROLES,
                        "--spring.main.register-shutdown-hook=false");
    }

    @AfterAll
    static void stop() {
        if (ingestion != null) {
            ingestion.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void theServicePublishesAndConsumesWithItsScramCredentials() {
        int port = ingestion.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        ServiceClient client = ServiceClient.onPort(port);
        String portfolio = "scram-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = client.put(
                "/v1/portfolios/" + portfolio, MediaType.valueOf("application/yaml"), """
                portfolio: %s
                idColumn: applicationId
                target: {column: bad, positive: "1"}
                features:
                  - {name: amount, type: numeric, min: 0, reason: "Amount"}
                """.formatted(portfolio));
        assertThat(registered.getStatusCode().value()).isEqualTo(200);

        // the import publishes through the service's producer; its consumers store what the broker delivers
        var imported = client.http()
                .post()
                .uri("/v1/portfolios/{p}/imports", portfolio)
                .contentType(MediaType.valueOf("text/csv"))
                .body("applicationId,amount,bad\n" + portfolio + "-1,100,0\n" + portfolio + "-2,250,1\n")
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(imported.getStatusCode().value()).isEqualTo(200);
        assertThat(imported.getBody().get("applicationsPublished").asInt()).isEqualTo(2);

        JdbcClient db = JdbcClient.create(SharedPostgres.dataSource());
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                db.sql("select count(*) from ingestion.applications a join ingestion.outcomes o"
                                                + " using (portfolio, application_id) where portfolio = ?")
                                        .param(portfolio)
                                        .query(Long.class)
                                        .single())
                        .isEqualTo(2));
    }

    @Test
    void theSameConfigurationWithAWrongPasswordIsRefusedByTheBroker() {
        assertThatThrownBy(() -> clusterId(deploymentEnvironment(USER, "not-" + PASSWORD)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void aUserTheBrokerDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> clusterId(deploymentEnvironment("drift-monitor", PASSWORD)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("SCRAM-SHA-512");
    }

    /** What docker-compose.yml and the kafka-scram component give a service, as environment variables. */
    private static Map<String, Object> deploymentEnvironment(String user, String password) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString());
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaas(user, password));
        return environment;
    }

    /** The cluster id, asked with an admin client built as Spring Boot builds the service's clients. */
    private static String clusterId(Map<String, Object> environment) throws Exception {
        KafkaProperties kafka = new Binder(ConfigurationPropertySources.from(
                        new SystemEnvironmentPropertySource("deployment-systemEnvironment", environment)))
                .bind("spring.kafka", KafkaProperties.class)
                .get();
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildAdminProperties());
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
