package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The standalone's logging configuration, applied by Spring Boot as for each service of the platform: a library's
 * warnings a user cannot act on (Smile's) stay in the log file and off the console; its errors and everyone else's
 * warnings still reach the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class StandaloneLoggingTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @Test
    void smileWarningsGoToTheLogFileOnly(CapturedOutput console) throws Exception {
        Path logFile = dir.resolve("platform.log");
        try (var context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(
                        "--logging.config=" + StandalonePlatform.LOGGING_CONFIG,
                        "--logging.file.name=" + logFile,
                        "--logging.threshold.console=WARN")) {
            LoggerFactory.getLogger("smile.math.BFGS").warn("L-BFGS reaches maximum 200 iterations: 9749.70198");
            LoggerFactory.getLogger("smile.math.BFGS").error("smile cannot go on");
            LoggerFactory.getLogger("io.creditscoring.training").warn("a warning of the platform's own");
            LoggerFactory.getLogger("io.creditscoring.training").info("an info line");
        }

        assertThat(Files.readString(logFile))
                .contains(
                        "L-BFGS reaches maximum 200 iterations",
                        "smile cannot go on",
                        "a warning of the platform's own",
                        "an info line");
        assertThat(console.getOut())
                .doesNotContain("L-BFGS reaches maximum", "an info line")
                .contains("smile cannot go on", "a warning of the platform's own");
        assertThat(console.getOut().split("smile cannot go on", -1))
                .as("an error logged once is printed once")
                .hasSize(2);
    }
}
