package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.testsupport.ServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

class StandalonePlatformTest {

    @TempDir
    Path dataDir;

    @Test
    void startsEverythingAndKeepsARegisteredPortfolioAcrossARestart() throws Exception {
        StandaloneSettings settings = FreePorts.settings(dataDir, false);

        String apiKey;
        try (StandalonePlatform platform = StandalonePlatform.start(settings)) {
            for (int port : new int[] {
                settings.scoringPort(), settings.ingestionPort(), settings.trainingPort(), settings.driftPort()
            }) {
                assertThat(ServiceClient.onPort(port)
                                .get("/actuator/health")
                                .getBody()
                                .get("status")
                                .asString())
                        .as("health on port %d", port)
                        .isEqualTo("UP");
            }
            try (Admin admin = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
                assertThat(admin.listTopics().names().get()).contains("credit.applications", "credit.scoring-events");
            }
            apiKey = platform.apiKey();
            assertThat(Files.readString(dataDir.resolve("api-key")).trim()).isEqualTo(apiKey);

            assertThat(Files.getPosixFilePermissions(dataDir.resolve("api-key")))
                    .as("the key file is the owner's only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            aKeyRevokedOnOneServiceStopsWorkingOnTheOthersWithinFiveSeconds(settings, apiKey);

            var registered = ServiceClient.withKey(settings.ingestionPort(), apiKey)
                    .put("/v1/portfolios/restart-loans", MediaType.valueOf("application/yaml"), """
                            portfolio: restart-loans
                            target: {column: bad, positive: "1"}
                            features:
                              - {name: amount, type: numeric, min: 0}
                            """);
            assertThat(registered.getStatusCode().value()).isEqualTo(200);
        }

        try (StandalonePlatform restarted = StandalonePlatform.start(settings)) {
            assertThat(restarted.apiKey()).isEqualTo(apiKey);
            var portfolio =
                    ServiceClient.withKey(settings.ingestionPort(), apiKey).get("/v1/portfolios/restart-loans");
            assertThat(portfolio.getStatusCode().value()).isEqualTo(200);
            assertThat(portfolio.getBody().get("version").asInt()).isEqualTo(1);
        }
    }

    private static void aKeyRevokedOnOneServiceStopsWorkingOnTheOthersWithinFiveSeconds(
            StandaloneSettings settings, String adminKey) {
        ServiceClient admin = ServiceClient.withKey(settings.scoringPort(), adminKey);
        String readerKey = admin.postJson(
                        "/v1/admin/api-keys", Map.of("keyId", "revocation-probe", "roles", List.of("READER")))
                .getBody()
                .get("apiKey")
                .asString();
        ServiceClient reader = ServiceClient.withKey(settings.ingestionPort(), readerKey);
        assertThat(reader.get("/v1/portfolios").getStatusCode().value()).isEqualTo(200);

        admin.http()
                .delete()
                .uri("/v1/admin/api-keys/revocation-probe")
                .retrieve()
                .toBodilessEntity();

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> reader.get("/v1/portfolios").getStatusCode().value() == 401);
    }
}
