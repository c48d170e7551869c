package io.creditscoring.training.dataset;

import io.creditscoring.training.TrainingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Splits labelled rows into training and test rows: stratified by outcome with a seeded shuffle (the same seed
 * and rows always give the same split), or out of time (oldest rows train, newest test) when asked and the
 * submission times span enough.
 */
public final class DatasetSplitter {

    public static final String STRATIFIED = "STRATIFIED";
    public static final String OUT_OF_TIME = "OUT_OF_TIME";

    private DatasetSplitter() {}

    public static DataSplit split(List<LabelledRow> rows, TrainingProperties.Split settings, long seed) {
        if (settings.outOfTime()) {
            String why = outOfTimeImpossible(rows, settings.outOfTimeMinSpanDays());
            if (why == null) {
                return outOfTime(rows, settings);
            }
            DataSplit stratified = stratified(rows, settings, seed);
            return new DataSplit(stratified.train(), stratified.test(), STRATIFIED, fallbackNote(why));
        }
        return stratified(rows, settings, seed);
    }

    static DataSplit stratified(List<LabelledRow> rows, TrainingProperties.Split settings, long seed) {
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = rows.get(i).defaulted();
        }
        boolean[] test = stratifiedTestRows(defaulted, settings.testShare(), seed);
        List<LabelledRow> train = new ArrayList<>();
        List<LabelledRow> tested = new ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            (test[i] ? tested : train).add(rows.get(i));
        }
        return new DataSplit(train, tested, STRATIFIED, note(seed));
    }

    /** How a stratified split was made, for the report. */
    public static String note(long seed) {
        return "stratified by outcome, seed " + seed;
    }

    /** The note of an out-of-time split that was asked for and not possible, for {@code why}. */
    public static String fallbackNote(String why) {
        return "out-of-time split asked for but not possible (" + why + "); stratified split used instead";
    }

    /** Why an out-of-time split is not possible: a row without a submission time (the first one met). */
    public static String untimed(String applicationId) {
        return "application " + applicationId + " has no submission time";
    }

    /**
     * Why an out-of-time split of rows submitted from {@code first} to {@code last} is not possible: they span fewer
     * whole days than {@code minSpanDays}; null when they span enough.
     */
    public static String tooShort(Instant first, Instant last, int minSpanDays) {
        long days = Duration.between(first, last).toDays();
        return days < minSpanDays ? "submission times span " + days + " days, fewer than " + minSpanDays : null;
    }

    /** How many of {@code rows} rows an out-of-time split tests: the newest, the rounded test share. */
    public static int outOfTimeTestRows(int rows, double testShare) {
        return (int) Math.round(rows * testShare);
    }

    /** The note of an out-of-time split, from the submission times at the ends of its two parts. */
    public static String outOfTimeNote(Instant firstTrain, Instant lastTrain, Instant firstTest, Instant lastTest) {
        return "out of time: trained on applications submitted " + firstTrain + " to " + lastTrain + ", tested on "
                + firstTest + " to " + lastTest;
    }

    /**
     * The stratified split's rule on the labels alone: which rows are test rows, by row index. The row indices of each
     * class are shuffled by one {@code Random(seed)}, defaulters first, and each class gives its rounded test share.
     * A Spark run's split is checked against it (the job splits by the same rule, on the same row order).
     */
    public static boolean[] stratifiedTestRows(boolean[] defaulted, double testShare, long seed) {
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < defaulted.length; i++) {
            (defaulted[i] ? bad : good).add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(bad, random);
        Collections.shuffle(good, random);
        boolean[] test = new boolean[defaulted.length];
        for (List<Integer> cls : List.of(bad, good)) {
            int nTest = (int) Math.round(cls.size() * testShare);
            for (int k = 0; k < nTest; k++) {
                test[cls.get(k)] = true;
            }
        }
        return test;
    }

    private static DataSplit outOfTime(List<LabelledRow> rows, TrainingProperties.Split settings) {
        List<LabelledRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(LabelledRow::submittedAt).thenComparing(LabelledRow::applicationId));
        int n = sorted.size();
        int nTest = outOfTimeTestRows(n, settings.testShare());
        int trainEnd = n - nTest;
        return new DataSplit(
                sorted.subList(0, trainEnd),
                sorted.subList(trainEnd, n),
                OUT_OF_TIME,
                outOfTimeNote(
                        sorted.getFirst().submittedAt(),
                        sorted.get(trainEnd - 1).submittedAt(),
                        sorted.get(n - nTest).submittedAt(),
                        sorted.getLast().submittedAt()));
    }

    private static String outOfTimeImpossible(List<LabelledRow> rows, int minSpanDays) {
        Instant first = null;
        Instant last = null;
        for (LabelledRow r : rows) {
            if (r.submittedAt() == null) {
                return untimed(r.applicationId());
            }
            first = first == null || r.submittedAt().isBefore(first) ? r.submittedAt() : first;
            last = last == null || r.submittedAt().isAfter(last) ? r.submittedAt() : last;
        }
        if (first == null) {
            return "no rows";
        }
        return tooShort(first, last, minSpanDays);
    }
}
