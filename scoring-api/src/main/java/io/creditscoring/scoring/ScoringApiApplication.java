package io.creditscoring.scoring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Scoring API: serves each portfolio's champion model on ONNX Runtime, with decisions and reasons. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScoringApiApplication {

    /** The service's configuration file is {@code scoring-api.yml}, so that services can share a JVM. */
    public static final String CONFIG_NAME = "scoring-api";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ScoringApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
