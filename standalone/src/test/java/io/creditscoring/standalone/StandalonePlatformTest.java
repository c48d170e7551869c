package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.ServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
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

            var registered = ServiceClient.onPort(settings.ingestionPort())
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
            var portfolio = ServiceClient.onPort(settings.ingestionPort()).get("/v1/portfolios/restart-loans");
            assertThat(portfolio.getStatusCode().value()).isEqualTo(200);
            assertThat(portfolio.getBody().get("version").asInt()).isEqualTo(1);
        }
    }
}
