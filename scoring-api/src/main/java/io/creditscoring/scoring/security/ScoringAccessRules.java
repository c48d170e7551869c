package io.creditscoring.scoring.security;

import io.creditscoring.security.AccessRule;
import io.creditscoring.security.AccessRules;
import io.creditscoring.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on the scoring API; the platform adds {@code /v1/admin/**} and {@code /v1/audit} (ADMIN) and
 * refuses everything else.
 */
@Configuration(proxyBeanMethods = false)
class ScoringAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.of(
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/score", Role.SCORER),
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/score/batch", Role.SCORER),
                AccessRule.of(HttpMethod.GET, "/v2/**", Role.SCORER),
                AccessRule.of(HttpMethod.POST, "/v2/**", Role.SCORER));
    }
}
