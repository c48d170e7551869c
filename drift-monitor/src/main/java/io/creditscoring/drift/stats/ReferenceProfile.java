package io.creditscoring.drift.stats;

import java.util.List;

/**
 * Everything about a model's reference sample that windows are compared with, prepared once (sorted, binned,
 * counted) and then shared read-only by every evaluation.
 *
 * @param rows number of reference rows
 * @param columns one prepared column per monitored feature, in schema order
 * @param sortedScores the reference's predicted probabilities of default, sorted
 * @param scoreBins the PSI bins frozen on those probabilities
 * @param scoreShares the reference's share in each PSI bin
 */
public record ReferenceProfile(
        int rows, List<ReferenceColumn> columns, double[] sortedScores, StabilityBins scoreBins, double[] scoreShares) {

    public ReferenceProfile {
        columns = List.copyOf(columns);
    }

    /** Prepares a profile from the reference columns and the predicted probabilities of the reference rows. */
    public static ReferenceProfile of(int rows, List<ReferenceColumn> columns, double[] probabilities) {
        double[] sorted = Samples.sortedWithoutNaN(probabilities);
        StabilityBins bins = StabilityBins.ofSortedReference(sorted, StabilityBins.DEFAULT_BINS);
        return new ReferenceProfile(rows, columns, sorted, bins, bins.shares(sorted));
    }
}
