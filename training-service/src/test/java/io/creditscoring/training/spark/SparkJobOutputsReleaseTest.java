package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves of its Spark job once it has read the job's outputs: the driver log only. */
class SparkJobOutputsReleaseTest {

    @TempDir
    Path work;

    @Test
    void everythingButTheDriverLogIsDeleted() throws Exception {
        Path job = work.resolve("run-1");
        Path output = Files.createDirectories(job.resolve("output"));
        Files.writeString(output.resolve("summary.json"), "{}");
        Files.write(output.resolve("XGBOOST.test-probabilities.bin"), new byte[1024]);
        Files.createDirectories(output.resolve("nested"))
                .resolve("part-0")
                .toFile()
                .createNewFile();
        Files.writeString(job.resolve("schema.json"), "{}");
        Files.writeString(job.resolve("search.json"), "{}");
        Files.writeString(job.resolve("driver.log"), "SPARK_UI_URL http://127.0.0.1:4040\n");

        SparkJobLauncher.deleteOutputs(job);

        try (Stream<Path> left = Files.walk(job)) {
            assertThat(left.map(p -> job.relativize(p).toString()).toList())
                    .containsExactlyInAnyOrder("", "driver.log");
        }
        assertThat(Files.readString(job.resolve("driver.log"))).startsWith("SPARK_UI_URL");
    }

    @Test
    void aJobThatNeverStartedLeavesNothingToDelete() throws Exception {
        SparkJobLauncher.deleteOutputs(work.resolve("never-started"));

        assertThat(work.resolve("never-started")).doesNotExist();
    }
}
