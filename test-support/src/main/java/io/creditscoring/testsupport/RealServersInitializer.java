package io.creditscoring.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring context at the shared PostgreSQL and Kafka broker, with {@link TestKeys#ALL_ROLES} as its
 * bootstrap API key: the same properties production sets, so the application takes exactly its production code
 * paths.
 */
public class RealServersInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.datasource.url=" + SharedPostgres.jdbcUrl(),
                        "spring.datasource.username=" + SharedPostgres.username(),
                        "spring.datasource.password=" + SharedPostgres.password(),
                        "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "platform.security.bootstrap-key=" + TestKeys.ALL_ROLES)
                .applyTo(context.getEnvironment());
    }
}
