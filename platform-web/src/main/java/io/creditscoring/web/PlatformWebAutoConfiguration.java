package io.creditscoring.web;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * In every service with this module: the shared problem-details handler, the request body limits (applied after
 * authentication, so that an anonymous caller hears 401 rather than anything about sizes), and answers flushed
 * while the service stops.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformWebProperties.class)
@Import(ProblemDetailsHandler.class)
public class PlatformWebAutoConfiguration {

    /**
     * Spring Security's filter chain runs at order -100. The platform's own filters are plain filters on the
     * REQUEST dispatch only (what {@code OncePerRequestFilter} gives, without its per-request bookkeeping).
     */
    static final int AFTER_SECURITY = -100 + 10;

    /** Errors Tomcat answers itself, before any filter, are problem details too. */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    /** Outermost, so that its flush comes after every other filter has written what it writes. */
    @Bean // a bean of its own: it listens for the context's close
    FlushWhileStoppingFilter flushWhileStoppingFilter() {
        return new FlushWhileStoppingFilter();
    }

    @Bean
    FilterRegistrationBean<FlushWhileStoppingFilter> flushWhileStoppingRegistration(FlushWhileStoppingFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(PlatformWebProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties));
        registration.setOrder(AFTER_SECURITY);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
