package io.creditscoring.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which split the labelled rows get, as training-service's {@code DatasetSplitter.split} decides it, rule for rule and
 * note for note. Without {@code outOfTime}: the stratified split ({@link StratifiedSplit}) on the rows as read. With
 * it: when every row has a submission time and they span at least {@code outOfTimeMinSpanDays} whole days, the rows
 * sorted by submission time, then by application id ({@link String#compareTo}, as the local engine compares its ids,
 * not the database's collation), the newest {@code round(n * testShare)} the test rows; else the stratified split with
 * the local engine's note of why (the first row as read without a submission time, or the span).
 *
 * <p>The training service checks the outcome against the same rule applied to the job's labels and submission times
 * (written in the job's row order, {@link EvaluationFiles#SUBMITTED_AT}) and compares the note word for word: the text
 * here must stay the local engine's.
 */
public final class OutOfTimeSplit {

    public static final String STRATIFIED = "STRATIFIED";
    public static final String OUT_OF_TIME = "OUT_OF_TIME";

    private OutOfTimeSplit() {}

    /**
     * The split decided.
     *
     * @param kind {@value #STRATIFIED} or {@value #OUT_OF_TIME}
     * @param note how the split was made, the local engine's words
     * @param order the row order the split follows, as indices of the rows as read: the rows as read for a stratified
     *     split, sorted by submission time and id for an out-of-time one
     * @param parts each row's part ({@link StratifiedSplit#TRAIN} or {@link StratifiedSplit#TEST}), by position in
     *     {@code order}
     * @param untimedId the application whose missing submission time made the out-of-time split impossible, or null
     */
    public record Decision(String kind, String note, int[] order, byte[] parts, String untimedId) {}

    /**
     * @param ids the application ids, in the order the rows were read
     * @param defaulted the labels, by the same index
     * @param submittedAt the submission times by the same index (null entries: none), or null when the source has none
     */
    public static Decision split(List<String> ids, boolean[] defaulted, Instant[] submittedAt, TrainingSettings s) {
        if (!s.outOfTime()) {
            return stratified(defaulted, s, "stratified by outcome, seed " + s.seed(), null);
        }
        String untimed = null;
        Instant first = null;
        Instant last = null;
        for (int i = 0; i < ids.size(); i++) {
            Instant t = submittedAt == null ? null : submittedAt[i];
            if (t == null) {
                untimed = ids.get(i);
                break;
            }
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
        }
        String why = null;
        if (untimed != null) {
            why = "application " + untimed + " has no submission time";
        } else if (first == null) {
            why = "no rows";
        } else {
            long days = Duration.between(first, last).toDays();
            if (days < s.outOfTimeMinSpanDays()) {
                why = "submission times span " + days + " days, fewer than " + s.outOfTimeMinSpanDays();
            }
        }
        if (why != null) {
            return stratified(
                    defaulted,
                    s,
                    "out-of-time split asked for but not possible (" + why + "); stratified split used instead",
                    untimed);
        }
        Integer[] sorted = new Integer[ids.size()];
        Arrays.setAll(sorted, i -> i);
        Arrays.sort(
                sorted,
                Comparator.<Integer, Instant>comparing(i -> submittedAt[i]).thenComparing(ids::get));
        int n = sorted.length;
        int nTest = (int) Math.round(n * s.testShare());
        int trainEnd = n - nTest;
        byte[] parts = new byte[n];
        for (int k = trainEnd; k < n; k++) {
            parts[k] = StratifiedSplit.TEST;
        }
        String note = "out of time: trained on applications submitted "
                + submittedAt[sorted[0]] + " to "
                + submittedAt[sorted[trainEnd - 1]] + ", tested on "
                + submittedAt[sorted[n - nTest]] + " to "
                + submittedAt[sorted[n - 1]];
        return new Decision(
                OUT_OF_TIME,
                note,
                Arrays.stream(sorted).mapToInt(Integer::intValue).toArray(),
                parts,
                null);
    }

    private static Decision stratified(boolean[] defaulted, TrainingSettings s, String note, String untimedId) {
        int[] asRead = new int[defaulted.length];
        Arrays.setAll(asRead, i -> i);
        return new Decision(
                STRATIFIED, note, asRead, StratifiedSplit.assign(defaulted, s.seed(), s.testShare()), untimedId);
    }
}
