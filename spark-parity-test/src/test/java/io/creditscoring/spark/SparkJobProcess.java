package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the spark-training job jar as the training service would run it in the standalone: in a JVM of its own, on
 * JDK 17 (Spark 3.5), master {@code local[2]}, the database password in the environment. The jar and the java come
 * from the module's surefire configuration.
 */
final class SparkJobProcess {

    private SparkJobProcess() {}

    /** Runs the job to its end and returns its exit status; its output goes to {@code log}. */
    static int run(List<String> arguments, String jdbcPassword, Path log) throws IOException, InterruptedException {
        String jar = System.getProperty("spark.training.jar");
        String java = java17();
        assertThat(jar).as("system property spark.training.jar").isNotBlank();
        assertThat(Path.of(jar))
                .as("the job jar (spark-training must be packaged first)")
                .exists();
        assertThat(Path.of(java))
                .as("JDK 17's java (set -Dspark.java=/path/to/jdk17/bin/java for this module)")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx1g",
                "-Dspark.master=local[2]",
                "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=4",
                "-Dspark.driver.host=127.0.0.1",
                "-jar",
                jar));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(JobArguments.PASSWORD_VARIABLE, jdbcPassword);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Spark job did not finish within 10 minutes; log: " + log);
        }
        return process.exitValue();
    }

    /**
     * JDK 17's java: the module's {@code spark.java} (Debian's OpenJDK 17, the default JDK of this platform's
     * machines), else the one a GitHub runner announces in {@code JAVA_HOME_17_X64}.
     */
    private static String java17() {
        String configured = System.getProperty("spark.training.java", "");
        if (!configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        String runner = System.getenv("JAVA_HOME_17_X64");
        if (runner != null && Files.isExecutable(Path.of(runner, "bin", "java"))) {
            return Path.of(runner, "bin", "java").toString();
        }
        return configured;
    }

    /** The last lines of the job's log, for a failure message. */
    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
