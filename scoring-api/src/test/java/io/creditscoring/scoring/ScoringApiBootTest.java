package io.creditscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.ServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ScoringApiTest
class ScoringApiBootTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void bootsHealthyAgainstRealServersWithItsMigrationApplied() {
        ServiceClient client = ServiceClient.onPort(port);
        assertThat(client.get("/actuator/health").getBody().get("status").asString())
                .isEqualTo("UP");
        assertThat(client.get("/actuator/health/readiness")
                        .getBody()
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        assertThat(client.getText("/actuator/prometheus")).contains("application=\"scoring-api\"");
        assertThat(client.getText("/v3/api-docs"))
                .contains(
                        "\"openapi\"",
                        "/v1/portfolios/{portfolio}/score",
                        "/v1/portfolios/{portfolio}/score/batch",
                        "/v2/models/{portfolio}/infer",
                        "/v2/health/ready",
                        "X-API-Key");

        Integer migrations = jdbc.sql("select count(*) from scoring.flyway_schema_history where success")
                .query(Integer.class)
                .single();
        assertThat(migrations).isPositive();
    }
}
