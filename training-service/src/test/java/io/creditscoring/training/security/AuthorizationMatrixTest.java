package io.creditscoring.training.security;

import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.testsupport.AuthorizationMatrix;
import io.creditscoring.training.TrainingServiceTest;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint of the training service with the roles that may call it, checked over HTTP. */
@TrainingServiceTest
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
                .sample("version", "1")
                .sample("runId", UUID.randomUUID().toString())
                .sample("requestId", UUID.randomUUID().toString());
    }

    @Test
    void everyEndpointAnswersOnlyItsRoles() {
        matrix().allow("POST", "/v1/portfolios/{portfolio}/training-runs", Role.TRAINER)
                .allow("GET", "/v1/training-runs", Role.READER)
                .allow("GET", "/v1/training-runs/compare", Role.READER)
                .allow("GET", "/v1/training-runs/{runId}", Role.READER)
                .allow("GET", "/v1/training-runs/{runId}/report", Role.READER)
                .allow("GET", "/v1/training-runs/{runId}/driver-log", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/models", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/models/{version}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/models/{version}/artifact", Role.READER)
                .allow("POST", "/v1/portfolios/{portfolio}/models/{version}/promote", Role.TRAINER, Role.APPROVER)
                .allow(
                        "POST",
                        "/v1/portfolios/{portfolio}/models/{version}/promotion-requests",
                        Role.TRAINER,
                        Role.APPROVER)
                .allow("POST", "/v1/promotion-requests/{requestId}/approve", Role.APPROVER)
                .allow("POST", "/v1/promotion-requests/{requestId}/reject", Role.APPROVER)
                .allow("GET", "/v1/promotion-requests", Role.READER)
                .allow("GET", "/v1/promotion-requests/{requestId}", Role.READER)
                .allow("GET", "/v1/portfolios/{portfolio}/promotions", Role.READER)
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
    void noSpellingOfAnAdministrationOrApprovalPathLetsOtherRolesThrough() {
        AuthorizationMatrix<Role> matrix = matrix();
        for (Role role : EnumSet.of(Role.SCORER, Role.READER, Role.INGESTER, Role.TRAINER)) {
            matrix.verifyBypassesRefused(role, "/v1/audit", "/v1/promotion-requests/" + UUID.randomUUID() + "/approve");
        }
    }
}
