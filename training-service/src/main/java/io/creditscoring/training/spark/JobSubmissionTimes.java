package io.creditscoring.training.spark;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the service needs of a Spark job's submission times ({@code submitted-at.bin}: an int count, then per row in the
 * job's row order a long epoch second and an int nanosecond, -1 when the row has none) to check an out-of-time split
 * against the local engine's rule: read in one pass and summarised, never held as an array.
 *
 * @param rows how many rows the file has
 * @param firstUntimed the index of the first row without a submission time, -1 when every row has one
 * @param earliest the earliest submission time (null when a row has none)
 * @param latest the latest one
 * @param firstOutOfOrder the index of the first row submitted before the row ahead of it, -1 when none is
 * @param firstTrain the time of row 0, the first training row of an out-of-time split of {@code trainingRows}
 * @param lastTrain the time of row {@code trainingRows - 1}
 * @param firstTest the time of row {@code trainingRows}
 * @param lastTest the time of the last row
 */
record JobSubmissionTimes(
        int rows,
        int firstUntimed,
        Instant earliest,
        Instant latest,
        int firstOutOfOrder,
        Instant firstTrain,
        Instant lastTrain,
        Instant firstTest,
        Instant lastTest) {

    static final String FILE = "submitted-at.bin";

    /** Reads the file, taking the times at the ends of the two parts of an out-of-time split of {@code trainingRows}. */
    static JobSubmissionTimes read(Path file, int trainingRows) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            int firstUntimed = -1;
            int firstOutOfOrder = -1;
            Instant earliest = null;
            Instant latest = null;
            Instant previous = null;
            Instant[] ends = new Instant[4];
            for (int i = 0; i < n; i++) {
                long second = in.readLong();
                int nano = in.readInt();
                Instant t = nano < 0 ? null : Instant.ofEpochSecond(second, nano);
                if (t == null) {
                    firstUntimed = firstUntimed < 0 ? i : firstUntimed;
                } else {
                    earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
                    latest = latest == null || t.isAfter(latest) ? t : latest;
                    if (previous != null && t.isBefore(previous) && firstOutOfOrder < 0) {
                        firstOutOfOrder = i;
                    }
                }
                previous = t;
                ends[0] = i == 0 ? t : ends[0];
                ends[1] = i == trainingRows - 1 ? t : ends[1];
                ends[2] = i == trainingRows ? t : ends[2];
                ends[3] = t;
            }
            return new JobSubmissionTimes(
                    n, firstUntimed, earliest, latest, firstOutOfOrder, ends[0], ends[1], ends[2], ends[3]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark job's " + file.getFileName(), e);
        }
    }
}
