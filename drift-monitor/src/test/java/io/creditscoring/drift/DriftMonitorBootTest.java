package io.creditscoring.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.testsupport.ServiceClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@DriftMonitorTest
class DriftMonitorBootTest {

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
        assertThat(client.getText("/actuator/prometheus")).contains("application=\"drift-monitor\"");
        assertThat(client.getText("/v3/api-docs")).contains("\"openapi\"");

        Integer migrations = jdbc.sql("select count(*) from monitoring.flyway_schema_history where success")
                .query(Integer.class)
                .single();
        assertThat(migrations).isPositive();
    }
}
