package io.creditscoring.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings shared by every service, under {@code platform.web.*}.
 *
 * @param maxBodySize the largest request body any endpoint accepts unless a limit below says otherwise
 * @param bodySizeLimits per-endpoint limits, the first match wins (for example a CSV import, or a schema)
 */
@Validated
@ConfigurationProperties("platform.web")
public record PlatformWebProperties(
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @Valid List<BodySizeLimit> bodySizeLimits) {

    public PlatformWebProperties {
        bodySizeLimits = bodySizeLimits == null ? List.of() : List.copyOf(bodySizeLimits);
    }

    /**
     * @param method the HTTP method, or null for any
     * @param path a path pattern (Spring's {@code PathPattern} syntax)
     * @param maxSize the largest body accepted there
     */
    public record BodySizeLimit(
            String method, @NotBlank String path, @NotNull DataSize maxSize) {}
}
