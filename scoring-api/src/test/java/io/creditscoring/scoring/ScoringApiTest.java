package io.creditscoring.scoring;

import io.creditscoring.testsupport.TestKeys;
import io.creditscoring.testsupport.WithRealServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context every test of this module shares: the whole service on a random port against the
 * real PostgreSQL and Kafka broker, with a known bootstrap admin key. The periodic registry check is slowed
 * down so that tests see champions arrive through {@code credit.model-events}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + ScoringApiApplication.CONFIG_NAME,
            "scoring.registry-check-interval=1h",
            "scoring.max-batch-size=50",
            "scoring.max-body-bytes=65536"
        })
@WithRealServers
public @interface ScoringApiTest {

    /** The bootstrap key of every test context: it holds every role. */
    String ADMIN_KEY = TestKeys.ALL_ROLES;
}
