package io.creditscoring.ingestion;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ingestion: Kafka applications and outcomes into PostgreSQL, CSV import, and the portfolio registry API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionServiceApplication {

    /** The service's configuration file is {@code ingestion-service.yml}, so that services can share a JVM. */
    public static final String CONFIG_NAME = "ingestion-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestionServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
