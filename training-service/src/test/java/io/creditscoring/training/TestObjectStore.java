package io.creditscoring.training;

import io.creditscoring.testsupport.SharedObjectStore;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the Spark engine's {@code s3a://} sources at test-support's object store (S3Proxy on a free localhost port,
 * started with the context), in the module's one shared test context: no context of its own for the one test that
 * reads it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestObjectStore {

    @Bean
    DynamicPropertyRegistrar objectStoreProperties() {
        return registry -> {
            registry.add(
                    "training.spark.s3a.endpoint",
                    () -> SharedObjectStore.endpoint().toString());
            registry.add("training.spark.s3a.access-key", () -> SharedObjectStore.ACCESS_KEY);
            registry.add("training.spark.s3a.secret-key", () -> SharedObjectStore.SECRET_KEY);
        };
    }
}
