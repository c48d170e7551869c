package io.creditscoring.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.Header;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The platform's security in every service with this module: API keys from the {@code X-API-Key} header,
 * the service's {@link AccessRules} plus the platform's own, everything else denied; the strict path firewall;
 * 401, 403 and 400 answered as problem details; the audit log and its endpoint.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebSecurity
@Import({AuditController.class, CallerController.class})
public class PlatformSecurityAutoConfiguration {

    /** Paths anyone may call: probes, metrics for Prometheus, and the API documentation. */
    static final String[] OPEN_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    /** The security headers of every API response (see the filter chain). */
    static final List<Header> API_HEADERS = List.of(
            new Header(HttpHeaders.CACHE_CONTROL, "no-store"),
            new Header("X-Content-Type-Options", "nosniff"),
            new Header("X-Frame-Options", "DENY"));

    @Bean
    SecuritySchema securitySchema(DataSource dataSource, PlatformSecurityProperties properties) {
        return new SecuritySchema(dataSource, properties.migrate());
    }

    @Bean
    ApiKeyStore apiKeyStore(DataSource dataSource, PlatformSecurityProperties properties, SecuritySchema schema) {
        return new ApiKeyStore(dataSource, properties.keyCacheTtl(), properties.keyCacheSize(), Clock.systemUTC());
    }

    @Bean
    BootstrapKey bootstrapKey(ApiKeyStore keys, PlatformSecurityProperties properties) {
        return new BootstrapKey(keys, properties);
    }

    @Bean
    RevocationWatcher apiKeyRevocationWatcher(ApiKeyStore keys, PlatformSecurityProperties properties) {
        return new RevocationWatcher(keys, properties.revocationCheckInterval());
    }

    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyStore keys) {
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, Environment environment, SecuritySchema schema) {
        return new AuditLog(dataSource, environment.getProperty("spring.application.name", "service"));
    }

    /** A service without rules of its own opens nothing beyond the platform's paths. */
    @Bean
    @ConditionalOnMissingBean
    AccessRules accessRules() {
        return AccessRules.of();
    }

    @Bean
    SecurityProblems securityProblems(AuditLog audit) {
        return new SecurityProblems(new DeniedAccessAudit(audit));
    }

    /**
     * No Spring Security observations: wrapping each filter of the chain in an observation cost about a fifth of a
     * scoring request's CPU (measured with JFR under wrk). Every request is still timed by the HTTP server
     * observation ({@code http.server.requests}), and refusals are counted and audited.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(
            HttpSecurity http, ApiKeyAuthenticationProvider provider, AccessRules rules, SecurityProblems problems)
            throws Exception {
        // Keys, not cookies: no session, no CSRF token, no login page, no saved requests. Session management is
        // off altogether (its filter looked for a session on every request). So is the filter that loads a saved
        // security context: nothing is saved, the key filter sets the context on every dispatch, and the chain
        // clears it when the request leaves. The key filter also makes keyless requests anonymous, so the
        // anonymous filter is off too.
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.disable())
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                // nothing reads the servlet API's user methods; the key's principal reaches handlers directly
                .servletApi(servletApi -> servletApi.disable())
                // A JSON API's headers, not a browser page's (the console has its own): no caching, no MIME
                // sniffing, no framing, and HSTS over HTTPS. Spring Security's defaults add X-XSS-Protection: 0,
                // Pragma and Expires, which mean nothing to an API client and cost every scoring answer 84 bytes.
                // They are written before the handler runs (a handler may still override one) instead of through
                // a response wrapper that waits for the commit.
                .headers(headers -> headers.defaultsDisabled()
                        .httpStrictTransportSecurity(Customizer.withDefaults())
                        .addHeaderWriter(new StaticHeadersWriter(API_HEADERS))
                        .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // the provider is the only one, so the filter calls it without a ProviderManager's loop and events
                .addFilterAt(
                        new ApiKeyAuthenticationFilter(provider::authenticate), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> {
                    // an error page is rendered for a request that was authorized already
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // The first matching rule decides. The platform's ADMIN rules come before the service's, so
                    // that no service rule can open them; the service's rules come before the open paths, so that
                    // a scoring request meets its own rule after three others instead of after thirteen.
                    authorize.requestMatchers(HttpMethod.GET, "/v1/audit").hasRole(Role.ADMIN.name());
                    authorize.requestMatchers("/v1/admin/**").hasRole(Role.ADMIN.name());
                    for (AccessRule rule : rules.rules()) {
                        authorize.requestMatchers(rule.method(), rule.pattern()).hasAnyRole(rule.roleNames());
                    }
                    authorize.requestMatchers(OPEN_PATHS).permitAll();
                    // any valid key may learn its own id and roles
                    authorize.requestMatchers(HttpMethod.GET, "/v1/me").authenticated();
                    authorize.anyRequest().denyAll();
                });
        return withoutAsyncIntegration(http.build());
    }

    /**
     * The chain without the filter that carries the security context into Spring MVC's asynchronous request
     * processing: no handler of the platform's is asynchronous, and every filter costs the scoring path.
     */
    private static SecurityFilterChain withoutAsyncIntegration(DefaultSecurityFilterChain chain) {
        List<Filter> filters = chain.getFilters().stream()
                .filter(filter -> !(filter instanceof WebAsyncManagerIntegrationFilter))
                .toList();
        return new DefaultSecurityFilterChain(chain.getRequestMatcher(), filters);
    }

    @Bean
    WebSecurityCustomizer platformFirewall(SecurityProblems problems) {
        return web -> web.httpFirewall(new PathFirewall()).requestRejectedHandler(problems);
    }

    @Bean
    WebMvcConfigurer auditInterceptorRegistration(AuditLog audit) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuditInterceptor(audit));
            }
        };
    }

    /** The OpenAPI documents name the key header, and every operation as needing it. */
    @Bean
    OpenApiCustomizer apiKeySecurityScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "apiKey",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER)
                                    .name(ApiKeyAuthenticationFilter.HEADER));
            openApi.addSecurityItem(new SecurityRequirement().addList("apiKey"));
        };
    }
}
