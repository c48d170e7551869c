package io.creditscoring.drift;

import io.creditscoring.testsupport.WithRealServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring test configuration of this module (so every test class shares one cached context): the
 * production configuration against the real servers, with windows of 2,000 events checked every 200 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + DriftMonitorApplication.CONFIG_NAME,
            "drift.window.max-events=2000",
            "drift.window.check-interval=200ms"
        })
@WithRealServers
public @interface DriftMonitorTest {}
