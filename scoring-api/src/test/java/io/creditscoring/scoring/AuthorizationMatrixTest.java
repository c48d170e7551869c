package io.creditscoring.scoring;

import io.creditscoring.security.ApiKeyStore;
import io.creditscoring.security.Audited;
import io.creditscoring.security.Role;
import io.creditscoring.testsupport.AuthorizationMatrix;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint of the scoring API with the roles that may call it, checked over HTTP. */
@ScoringApiTest
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
                .sample("keyId", "matrix-none");
    }

    @Test
    void everyEndpointAnswersOnlyItsRoles() {
        matrix().allowQuery("POST", "/v1/portfolios/{portfolio}/score", Role.SCORER)
                .allowQuery("POST", "/v1/portfolios/{portfolio}/score/batch", Role.SCORER)
                .allow("GET", "/v2/health/ready", Role.SCORER)
                .allow("GET", "/v2/health/live", Role.SCORER)
                .allow("GET", "/v2/models/{portfolio}", Role.SCORER)
                .allow("GET", "/v2/models/{portfolio}/ready", Role.SCORER)
                .allowQuery("POST", "/v2/models/{portfolio}/infer", Role.SCORER)
                .allow("POST", "/v1/admin/api-keys", Role.ADMIN)
                .allow("GET", "/v1/admin/api-keys", Role.ADMIN)
                .allow("POST", "/v1/admin/api-keys/{keyId}/rotate", Role.ADMIN)
                .allow("DELETE", "/v1/admin/api-keys/{keyId}", Role.ADMIN)
                .allow("POST", "/v1/admin/models/check", Role.ADMIN)
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
    void noSpellingOfAnAdministrationPathLetsAScorerKeyThrough() {
        matrix().verifyBypassesRefused(
                        Role.SCORER,
                        "/v1/admin/api-keys",
                        "/v1/admin/api-keys/bootstrap-admin",
                        "/v1/admin/models/check",
                        "/v1/audit");
    }
}
