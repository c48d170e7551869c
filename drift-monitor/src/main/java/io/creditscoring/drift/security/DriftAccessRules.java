package io.creditscoring.drift.security;

import io.creditscoring.security.AccessRule;
import io.creditscoring.security.AccessRules;
import io.creditscoring.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on the drift monitor; the platform adds {@code /v1/audit} (ADMIN) and refuses everything else.
 */
@Configuration(proxyBeanMethods = false)
class DriftAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.of(
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/drift/**", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/decisions/*", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/champion-challenger", Role.READER),
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/drift/evaluate", Role.APPROVER));
    }
}
