package io.creditscoring.drift.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * A reference column prepared once and reused for every window: numeric values sorted with their standard
 * deviation and CSI bins; categorical values counted.
 */
public sealed interface ReferenceColumn {

    String name();

    ColumnKind kind();

    /** Number of non-missing reference values. */
    int size();

    /** Prepares a numeric column; NaN values are missing and left out, as Evidently drops them. */
    static Numeric numeric(String name, double[] values) {
        double[] sorted = Samples.sortedWithoutNaN(values);
        double std = Samples.populationStd(sorted);
        StabilityBins bins =
                sorted.length == 0 ? null : StabilityBins.ofSortedReference(sorted, StabilityBins.DEFAULT_BINS);
        double[] shares = bins == null ? new double[0] : bins.shares(sorted);
        return new Numeric(name, sorted, std, Samples.countDistinctSorted(sorted), bins, shares);
    }

    /** Prepares a categorical column; null labels are missing and left out. */
    static Categorical categorical(String name, String[] labels) {
        return new Categorical(name, Samples.countLabels(labels));
    }

    /**
     * A numeric reference column.
     *
     * @param sorted the non-missing values, ascending
     * @param std population standard deviation ({@code numpy.std})
     * @param distinct number of distinct values
     * @param csiBins decile bins for the CSI, or null when the column is empty
     * @param csiReferenceShares the reference's share in each CSI bin
     */
    record Numeric(
            String name, double[] sorted, double std, int distinct, StabilityBins csiBins, double[] csiReferenceShares)
            implements ReferenceColumn {

        @Override
        public ColumnKind kind() {
            return ColumnKind.NUMERIC;
        }

        @Override
        public int size() {
            return sorted.length;
        }

        /** Counts per distinct value. */
        public TreeMap<Double, Long> valueCounts() {
            return Samples.countSorted(sorted);
        }
    }

    /**
     * A categorical reference column.
     *
     * @param counts count per label
     */
    record Categorical(String name, Map<String, Long> counts) implements ReferenceColumn {

        public Categorical {
            counts = Map.copyOf(counts);
        }

        @Override
        public ColumnKind kind() {
            return ColumnKind.CATEGORICAL;
        }

        @Override
        public int size() {
            long total = 0;
            for (long c : counts.values()) {
                total += c;
            }
            return (int) total;
        }
    }
}
