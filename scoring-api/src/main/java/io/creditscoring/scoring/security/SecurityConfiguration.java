package io.creditscoring.scoring.security;

import io.creditscoring.scoring.ScoringProperties;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The API-key filter on /v1 and /v2, and the bootstrap admin key. */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(
        name = "apiKey",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        paramName = "X-API-Key")
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String BOOTSTRAP_KEY_ID = "bootstrap-admin";

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeyStore keys) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
        registration.addUrlPatterns("/v1/*", "/v2/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Hashes and stores {@code scoring.security.bootstrap-admin-key} as an ADMIN key, when it is set. */
    @Bean
    ApplicationRunner bootstrapAdminKey(ApiKeyStore keys, ScoringProperties properties) {
        return args -> {
            String key = properties.security().bootstrapAdminKey();
            if (key != null && !key.isBlank()) {
                keys.upsert(BOOTSTRAP_KEY_ID, key.trim(), Role.ADMIN);
                log.info("Bootstrap admin API key stored (as its SHA-256 hash) under id '{}'", BOOTSTRAP_KEY_ID);
            }
        };
    }
}
