package io.creditscoring.training;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Training: fits, evaluates, tracks and exports the models of each portfolio, and publishes them to the registry. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrainingServiceApplication {

    /** The service's configuration file is {@code training-service.yml}, so that services can share a JVM. */
    public static final String CONFIG_NAME = "training-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TrainingServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
