package io.creditscoring.drift.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.drift.DriftMonitorTest;
import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.testsupport.AuthorizationMatrix;
import io.creditscoring.testsupport.ServiceClient;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Every endpoint of the drift monitor with the roles that may call it, checked over HTTP. */
@DriftMonitorTest
class AuthorizationMatrixTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiKeyStore keys;

    AuthorizationMatrix<Role> matrix() {
        return AuthorizationMatrix.of(
                        port,
                        mappings,
                        Role.class,
                        roles -> keys.create("matrix-" + UUID.randomUUID(), roles, null, "authorization-matrix-test")
                                .apiKey())
                .auditedBy(Audited.class)
                .sample("portfolio", "matrix-none")
                .sample("windowId", "1")
                .sample("feature", "matrix-none")
                .sample("applicationId", "matrix-none");
    }

    @Test
    void everyEndpointAnswersOnlyItsRoles() {
        matrix().allow("POST", "/v1/portfolios/{portfolio}/drift/evaluate", Role.APPROVER)
                .allow("GET", "/v1/portfolios/{portfolio}/drift/latest", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/drift/windows", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/drift/windows/{windowId}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/drift/reports/{windowId}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/drift/features/{feature}/history", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/decisions/{applicationId}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/champion-challenger", Role.READER)
                .allow("GET", "/v1/audit", Role.ADMIN)
                .allow(
                        "GET",
                        "/v1/me",
                        Role.SCORER,
                        Role.READER,
                        Role.INGESTER,
                        Role.TRAINER,
                        Role.APPROVER,
                        Role.ADMIN)
                .open("GET", "/v3/api-docs")
                .open("GET", "/v3/api-docs.yaml")
                .open("GET", "/v3/api-docs/swagger-config")
                .open("GET", "/swagger-ui.html")
                .verify();
    }

    @Test
    void noSpellingOfAnAdministrationOrEvaluationPathLetsOtherRolesThrough() {
        AuthorizationMatrix<Role> matrix = matrix();
        for (Role role : EnumSet.of(Role.SCORER, Role.READER, Role.INGESTER, Role.TRAINER)) {
            matrix.verifyBypassesRefused(role, "/v1/audit", "/v1/portfolios/matrix-none/drift/evaluate");
        }
    }

    @Test
    void anEvaluationAskedForIsAuditedWithTheCallersKey() {
        String id = "evaluator-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceClient approver = ServiceClient.withKey(
                port, keys.create(id, EnumSet.of(Role.APPROVER), null, "test").apiKey());

        int status = approver.postJson("/v1/portfolios/matrix-none/drift/evaluate", "{}")
                .getStatusCode()
                .value();

        assertThat(status).isEqualTo(409);
        JsonNode rows = ServiceClient.onPort(port)
                .get("/v1/audit?action=drift.evaluate")
                .getBody();
        assertThat(rows.valueStream()
                        .anyMatch(r -> r.get("keyId").asString().equals(id)
                                && r.get("outcome").asString().equals("FAILED")
                                && r.get("status").asInt() == 409
                                && r.get("service").asString().equals("drift-monitor")))
                .as("audit rows %s", rows)
                .isTrue();
    }
}
