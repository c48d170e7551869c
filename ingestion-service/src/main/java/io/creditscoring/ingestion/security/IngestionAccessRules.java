package io.creditscoring.ingestion.security;

import io.creditscoring.security.AccessRule;
import io.creditscoring.security.AccessRules;
import io.creditscoring.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on the ingestion service; the platform adds {@code /v1/audit} (ADMIN) and refuses everything
 * else.
 */
@Configuration(proxyBeanMethods = false)
class IngestionAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.of(
                AccessRule.of(HttpMethod.GET, "/v1/portfolios", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/stats", Role.READER),
                AccessRule.of(HttpMethod.PUT, "/v1/portfolios/*", Role.APPROVER),
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/imports", Role.INGESTER),
                // those who import follow their imports; readers see them too
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/imports", Role.INGESTER, Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/imports/*", Role.INGESTER, Role.READER));
    }
}
