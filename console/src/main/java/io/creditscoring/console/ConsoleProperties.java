package io.creditscoring.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the console, under {@code console.*}.
 *
 * @param services where the four services answer
 * @param callTimeout how long a page waits for one service call before it says the service did not answer
 * @param importTimeout how long a CSV import passed through to ingestion may take, upload included
 */
@Validated
@ConfigurationProperties("console")
public record ConsoleProperties(
        @Valid @DefaultValue Services services,
        @NotNull @DefaultValue("10s") Duration callTimeout,
        @NotNull @DefaultValue("30m") Duration importTimeout) {

    /** Base URLs of the services' REST APIs (the console sends the signed-in key as {@code X-API-Key}). */
    public record Services(
            @NotNull @DefaultValue("http://localhost:8080") URI scoring,
            @NotNull @DefaultValue("http://localhost:8081") URI ingestion,
            @NotNull @DefaultValue("http://localhost:8082") URI training,
            @NotNull @DefaultValue("http://localhost:8083") URI drift) {}
}
