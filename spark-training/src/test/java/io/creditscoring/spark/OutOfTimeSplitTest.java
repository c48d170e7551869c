package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job's choice of split, without Spark: the local engine's out-of-time rule (sorted by submission time, then by
 * application id in Java's order, the newest rounded test share tested), its fallback to the stratified split with the
 * local engine's notes, and the arguments that ask for it. The expected rows and notes are written out by hand.
 */
class OutOfTimeSplitTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** One row as read: its id, its submission time (days after {@link #START}, null: none) and its label. */
    private record Read(String id, Long days, boolean defaulted) {}

    /**
     * Ten rows in no particular order; four share day 100, one of which falls on the training side of the boundary
     * by its id: {@code "R-10"} sorts before {@code "r-07"} in Java's order (a case-insensitive collation would put it
     * third of the four).
     */
    private static final List<Read> ROWS = List.of(
            new Read("r-07", 100L, true),
            new Read("r-03", 0L, false),
            new Read("R-10", 100L, false),
            new Read("r-20", 100L, false),
            new Read("r-01", 50L, true),
            new Read("r-05", 10L, false),
            new Read("r-11", 90L, false),
            new Read("r-02", 70L, true),
            new Read("r-08", 100L, false),
            new Read("r-04", 30L, false));

    private static TrainingSettings settings(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--portfolio", "p", "--run-id", "r", "--schema", "s.json", "--output", "out", "--jdbc-url", "jdbc:x"));
        args.addAll(List.of(more));
        return JobArguments.parse(args.toArray(String[]::new), Map.of()).settings();
    }

    private static OutOfTimeSplit.Decision split(List<Read> rows, TrainingSettings settings) {
        List<String> ids = rows.stream().map(Read::id).toList();
        boolean[] defaulted = new boolean[rows.size()];
        Instant[] submitted = new Instant[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            defaulted[i] = rows.get(i).defaulted();
            Long days = rows.get(i).days();
            submitted[i] = days == null ? null : START.plus(days, ChronoUnit.DAYS);
        }
        return OutOfTimeSplit.split(ids, defaulted, submitted, settings);
    }

    private static List<String> ids(List<Read> rows, OutOfTimeSplit.Decision split, int part) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < split.order().length; k++) {
            if (split.parts()[k] == part) {
                ids.add(rows.get(split.order()[k]).id());
            }
        }
        return ids;
    }

    @Test
    void theNewestRowsByTimeThenIdAreTestedWithTheLocalEnginesNote() {
        // a quarter of 10 rows: 2.5, rounded up to 3 as Math.round rounds
        TrainingSettings settings = settings("--out-of-time", "true", "--test-share", "0.25");

        OutOfTimeSplit.Decision split = split(ROWS, settings);

        assertThat(split.kind()).isEqualTo("OUT_OF_TIME");
        assertThat(ids(ROWS, split, StratifiedSplit.TRAIN))
                .containsExactly("r-03", "r-05", "r-04", "r-01", "r-02", "r-11", "R-10");
        assertThat(ids(ROWS, split, StratifiedSplit.TEST)).containsExactly("r-07", "r-08", "r-20");
        // the parts follow the split's order: the training rows first, then the test rows
        assertThat(split.parts()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(split.note())
                .isEqualTo("out of time: trained on applications submitted 2025-01-01T00:00:00Z to"
                        + " 2025-04-11T00:00:00Z, tested on 2025-04-11T00:00:00Z to 2025-04-11T00:00:00Z");
        assertThat(split.untimedId()).isNull();
    }

    @Test
    void aRowWithoutASubmissionTimeFallsBackToTheStratifiedSplitNamingTheFirstSuchRowAsRead() {
        List<Read> rows = new ArrayList<>(ROWS);
        rows.set(4, new Read("r-01", null, true));
        rows.set(8, new Read("r-08", null, false));
        TrainingSettings settings = settings("--out-of-time", "true", "--seed", "7");

        OutOfTimeSplit.Decision split = split(rows, settings);

        assertThat(split.kind()).isEqualTo("STRATIFIED");
        assertThat(split.note())
                .isEqualTo("out-of-time split asked for but not possible (application r-01 has no submission time);"
                        + " stratified split used instead");
        assertThat(split.untimedId()).isEqualTo("r-01");
        assertThat(split.order()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(split.parts()).isEqualTo(StratifiedSplit.assign(defaulted(rows), 7, 0.2));
    }

    @Test
    void aDataSetWithoutSubmissionTimesFallsBackNamingItsFirstRow() {
        TrainingSettings settings = settings("--out-of-time", "true");
        List<String> ids = ROWS.stream().map(Read::id).toList();

        OutOfTimeSplit.Decision split = OutOfTimeSplit.split(ids, defaulted(ROWS), new Instant[ROWS.size()], settings);

        assertThat(split.kind()).isEqualTo("STRATIFIED");
        assertThat(split.note()).contains("(application r-07 has no submission time)");
    }

    @Test
    void timesSpanningFewerWholeDaysThanTheMinimumFallBackWithTheSpanInTheNote() {
        List<Read> rows = new ArrayList<>();
        for (Read r : ROWS) {
            rows.add(new Read(r.id(), r.days() * 59 / 100, r.defaulted()));
        }
        // day 59 is 59 whole days after day 0: one fewer than the 60 asked
        OutOfTimeSplit.Decision split = split(rows, settings("--out-of-time", "true"));

        assertThat(split.kind()).isEqualTo("STRATIFIED");
        assertThat(split.note())
                .isEqualTo("out-of-time split asked for but not possible (submission times span 59 days, fewer than"
                        + " 60); stratified split used instead");

        OutOfTimeSplit.Decision shorter =
                split(rows, settings("--out-of-time", "true", "--out-of-time-min-span-days", "59"));
        assertThat(shorter.kind()).isEqualTo("OUT_OF_TIME");
    }

    @Test
    void withoutTheOutOfTimeSplitTheStratifiedSplitSaysItsSeed() {
        OutOfTimeSplit.Decision split = split(ROWS, settings("--seed", "11"));

        assertThat(split.kind()).isEqualTo("STRATIFIED");
        assertThat(split.note()).isEqualTo("stratified by outcome, seed 11");
        assertThat(split.parts()).isEqualTo(StratifiedSplit.assign(defaulted(ROWS), 11, 0.2));
        assertThat(settings().outOfTime()).isFalse();
        assertThat(settings().outOfTimeMinSpanDays()).isEqualTo(60);
    }

    @Test
    void nanosecondsOfASubmissionTimeReachTheNoteAsTheLocalEngineWritesThem() {
        List<String> ids = List.of("a", "b", "c", "d", "e");
        Instant[] submitted = {
            START,
            START.plus(1, ChronoUnit.DAYS),
            START.plus(2, ChronoUnit.DAYS),
            START.plus(70, ChronoUnit.DAYS).plusNanos(123_456_000),
            START.plus(80, ChronoUnit.DAYS).plusNanos(5)
        };
        boolean[] defaulted = new boolean[5];
        Arrays.fill(defaulted, 0, 2, true);

        OutOfTimeSplit.Decision split =
                OutOfTimeSplit.split(ids, defaulted, submitted, settings("--out-of-time", "true"));

        assertThat(split.note())
                .isEqualTo("out of time: trained on applications submitted 2025-01-01T00:00:00Z to"
                        + " 2025-03-12T00:00:00.123456Z, tested on 2025-03-22T00:00:00.000000005Z to"
                        + " 2025-03-22T00:00:00.000000005Z");
    }

    private static boolean[] defaulted(List<Read> rows) {
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = rows.get(i).defaulted();
        }
        return defaulted;
    }
}
