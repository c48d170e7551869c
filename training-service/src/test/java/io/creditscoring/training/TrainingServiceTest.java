package io.creditscoring.training;

import io.creditscoring.testsupport.WithRealServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The one Spring configuration of this module's tests, so that every test class shares one cached context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + TrainingServiceApplication.CONFIG_NAME,
            "spring.kafka.consumer.group-id=training-service-test"
        })
@WithRealServers
@Import({CapturingModelPublisher.class, TestObjectStore.class})
public @interface TrainingServiceTest {}
