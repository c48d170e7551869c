package io.creditscoring.training.security;

import io.creditscoring.security.AccessRule;
import io.creditscoring.security.AccessRules;
import io.creditscoring.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on the training service; the platform adds {@code /v1/audit} (ADMIN) and refuses everything
 * else. Champion promotions need more than a role: see {@code PromotionRequestController}.
 */
@Configuration(proxyBeanMethods = false)
class TrainingAccessRules {

    @Bean
    AccessRules accessRules() {
        return AccessRules.of(
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/training-runs", Role.TRAINER),
                AccessRule.of(HttpMethod.GET, "/v1/training-runs", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/training-runs/**", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/models", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/models/**", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/portfolios/*/promotions", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/promotion-requests", Role.READER),
                AccessRule.of(HttpMethod.GET, "/v1/promotion-requests/*", Role.READER),
                AccessRule.of(HttpMethod.POST, "/v1/portfolios/*/models/*/promote", Role.TRAINER, Role.APPROVER),
                AccessRule.of(
                        HttpMethod.POST, "/v1/portfolios/*/models/*/promotion-requests", Role.TRAINER, Role.APPROVER),
                AccessRule.of(HttpMethod.POST, "/v1/promotion-requests/*/approve", Role.APPROVER),
                AccessRule.of(HttpMethod.POST, "/v1/promotion-requests/*/reject", Role.APPROVER));
    }
}
