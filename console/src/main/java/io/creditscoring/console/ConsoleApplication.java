package io.creditscoring.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The operator console: server-rendered pages over the four services' REST APIs, for people who are not curl
 * users. It holds no data of its own; every page is built from the services' answers to the signed-in key.
 *
 * <p>The standalone platform runs it in a JVM whose classpath holds every service: the database and Kafka
 * auto-configurations are excluded here, so that the console never connects to either.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
            // no user store: people sign in with API keys that the services verify
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConfigurationPropertiesScan
public class ConsoleApplication {

    /** The console's configuration file is {@code console.yml}, so that it can share a JVM with the services. */
    public static final String CONFIG_NAME = "console";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
