package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The samples the job writes for the training service, without Spark: the training sample is the drift reference
 * sample the service's publisher would draw from all training rows (a shuffle of the rows by {@code Random(seed)},
 * the first {@code size}), and the test sample a seeded sample in row order.
 */
class EvaluationFilesTest {

    /** 30 rows, every third one a test row. */
    private static byte[] parts() {
        byte[] parts = new byte[30];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (byte) (i % 3 == 0 ? StratifiedSplit.TEST : StratifiedSplit.TRAIN);
        }
        return parts;
    }

    @Test
    void aPartWithinTheSizeIsTakenWholeInRowOrder() {
        assertThat(EvaluationFiles.draw(parts(), StratifiedSplit.TEST, 10, 42, true))
                .containsExactly(0, 3, 6, 9, 12, 15, 18, 21, 24, 27);
    }

    @Test
    void theTrainingSampleIsTheReferenceSampleThePublisherDraws() {
        byte[] parts = parts();
        // the publisher's rule on the training rows themselves (RegistryModelPublisher.referenceSample)
        List<String> training = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == StratifiedSplit.TRAIN) {
                training.add("row-" + i);
            }
        }
        Collections.shuffle(training, new Random(42));
        List<String> reference = training.subList(0, 7);

        List<String> drawn = new ArrayList<>();
        for (int row : EvaluationFiles.draw(parts, StratifiedSplit.TRAIN, 7, 42, false)) {
            drawn.add("row-" + row);
        }
        assertThat(drawn).isEqualTo(reference);
    }

    @Test
    void theTestSampleIsSeededAndInRowOrder() {
        int[] a = EvaluationFiles.draw(parts(), StratifiedSplit.TEST, 4, 42, true);
        int[] b = EvaluationFiles.draw(parts(), StratifiedSplit.TEST, 4, 42, true);
        int[] c = EvaluationFiles.draw(parts(), StratifiedSplit.TEST, 4, 7, true);

        assertThat(a).hasSize(4).isSorted().isEqualTo(b).isNotEqualTo(c);
        for (int row : a) {
            assertThat(row % 3).as("a test row").isZero();
        }
    }

    @Test
    void aRetrainsWindowAndTheSampleSizesAreArguments() {
        JobArguments job = JobArguments.parse(
                new String[] {
                    "--portfolio", "p",
                    "--run-id", "r",
                    "--schema", "schema.json",
                    "--output", "out",
                    "--jdbc-url", "jdbc:postgresql://localhost/x",
                    "--window-from", "2025-12-01T00:00:00Z",
                    "--window-to", "2026-12-01T00:00:00Z",
                    "--sample-size", "400",
                    "--reference-sample-size", "300"
                },
                Map.of());

        assertThat(job.window())
                .isEqualTo(new JobArguments.Window(
                        Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(job.sampleSize()).isEqualTo(400);
        assertThat(job.referenceSampleSize()).isEqualTo(300);
    }
}
