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

    private DatasetSplitter() {}

    public static DataSplit split(List<LabelledRow> rows, TrainingProperties.Split settings, long seed) {
        if (settings.outOfTime()) {
            String why = outOfTimeImpossible(rows, settings.outOfTimeMinSpanDays());
            if (why == null) {
                return outOfTime(rows, settings);
            }
            DataSplit stratified = stratified(rows, settings, seed);
            return new DataSplit(
                    stratified.train(),
                    stratified.test(),
                    "STRATIFIED",
                    "out-of-time split asked for but not possible (" + why + "); stratified split used instead");
        }
        return stratified(rows, settings, seed);
    }

    static DataSplit stratified(List<LabelledRow> rows, TrainingProperties.Split settings, long seed) {
        List<Integer> bad = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (rows.get(i).defaulted() ? bad : good).add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(bad, random);
        Collections.shuffle(good, random);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> cls : List.of(bad, good)) {
            int nTest = (int) Math.round(cls.size() * settings.testShare());
            test.addAll(cls.subList(0, nTest));
            train.addAll(cls.subList(nTest, cls.size()));
        }
        return new DataSplit(pick(rows, train), pick(rows, test), "STRATIFIED", "stratified by outcome, seed " + seed);
    }

    private static DataSplit outOfTime(List<LabelledRow> rows, TrainingProperties.Split settings) {
        List<LabelledRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(LabelledRow::submittedAt).thenComparing(LabelledRow::applicationId));
        int n = sorted.size();
        int nTest = (int) Math.round(n * settings.testShare());
        int trainEnd = n - nTest;
        return new DataSplit(
                sorted.subList(0, trainEnd),
                sorted.subList(trainEnd, n),
                "OUT_OF_TIME",
                "out of time: trained on applications submitted "
                        + sorted.getFirst().submittedAt() + " to "
                        + sorted.get(trainEnd - 1).submittedAt() + ", tested on "
                        + sorted.get(n - nTest).submittedAt() + " to "
                        + sorted.getLast().submittedAt());
    }

    private static String outOfTimeImpossible(List<LabelledRow> rows, int minSpanDays) {
        Instant first = null;
        Instant last = null;
        for (LabelledRow r : rows) {
            if (r.submittedAt() == null) {
                return "application " + r.applicationId() + " has no submission time";
            }
            first = first == null || r.submittedAt().isBefore(first) ? r.submittedAt() : first;
            last = last == null || r.submittedAt().isAfter(last) ? r.submittedAt() : last;
        }
        if (first == null) {
            return "no rows";
        }
        long days = Duration.between(first, last).toDays();
        if (days < minSpanDays) {
            return "submission times span " + days + " days, fewer than " + minSpanDays;
        }
        return null;
    }

    private static List<LabelledRow> pick(List<LabelledRow> rows, List<Integer> indices) {
        List<Integer> sorted = new ArrayList<>(indices);
        Collections.sort(sorted);
        return sorted.stream().map(rows::get).toList();
    }
}
