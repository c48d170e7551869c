package io.creditscoring.drift;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Drift monitor: compares live scoring traffic with each model's reference set and requests retrains. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DriftMonitorApplication {

    /** The service's configuration file is {@code drift-monitor.yml}, so that services can share a JVM. */
    public static final String CONFIG_NAME = "drift-monitor";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DriftMonitorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
