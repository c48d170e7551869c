package io.creditscoring.drift.stats;

import io.creditscoring.pipeline.contract.RawValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses and runs Evidently's default drift test for one column (Evidently's {@code _get_default_stattest} for
 * the pandas engine), then adds the column's CSI and a histogram for the report.
 *
 * <p>With {@code n_ref} the number of non-missing reference values and {@code k} the number of distinct values
 * in reference and current together (Evidently counts {@code pd.concat([reference, current]).nunique()}):
 *
 * <ul>
 *   <li>{@code n_ref <= 1000}: numeric with {@code k > 5} → {@link KolmogorovSmirnov}; otherwise (categorical, or
 *       numeric with {@code k <= 5}) {@code k > 2} → {@link ChiSquareTest}, else {@link ProportionZTest};
 *   <li>{@code n_ref > 1000}: numeric with {@code k > 5} → {@link WassersteinDistance} normalised by the reference
 *       standard deviation; otherwise → {@link JensenShannonDistance} over the values as categories.
 * </ul>
 *
 * Missing values are dropped from both samples first, as Evidently does. A column with no value on either side is
 * not tested (the result is empty).
 */
public final class ColumnDriftDetector {

    /** Evidently's reference size up to which the p-value tests are used. */
    public static final int SMALL_REFERENCE = 1000;

    /** Evidently's largest number of distinct values for which a numeric column is compared as categories. */
    public static final int FEW_VALUES = 5;

    private static final int HISTOGRAM_BINS = 20;

    private ColumnDriftDetector() {}

    /** Tests a numeric column; NaN values in {@code current} are missing. */
    public static Optional<FeatureDrift> numeric(ReferenceColumn.Numeric reference, double[] current) {
        if (reference.size() == 0) {
            return Optional.empty();
        }
        if (reference.distinct() <= FEW_VALUES) {
            // few values: count them without sorting, unless the current sample brings the union above five
            TreeMap<Double, Long> currentCounts = countFewValues(current, reference.valueCounts());
            if (currentCounts != null) {
                return fewValues(reference, currentCounts);
            }
        }
        double[] sortedCurrent = Samples.sortedWithoutNaN(current);
        double[] sortedReference = reference.sorted();
        if (sortedCurrent.length == 0) {
            return Optional.empty();
        }
        int distinct = Samples.countDistinctUnion(sortedReference, sortedCurrent, FEW_VALUES);
        if (distinct <= FEW_VALUES) {
            return fewValues(reference, Samples.countSorted(sortedCurrent));
        }
        StatTest test;
        TestOutcome outcome;
        if (reference.size() <= SMALL_REFERENCE) {
            test = StatTest.KS;
            outcome = KolmogorovSmirnov.test(sortedReference, sortedCurrent);
        } else {
            test = StatTest.WASSERSTEIN;
            outcome = TestOutcome.distance(
                    WassersteinDistance.normalised(sortedReference, reference.std(), sortedCurrent));
        }
        double[] currentShares = reference.csiBins().shares(sortedCurrent);
        double csi = StabilityBins.psi(reference.csiReferenceShares(), currentShares);
        return Optional.of(verdict(
                reference.name(),
                ColumnKind.NUMERIC,
                test,
                outcome,
                csi,
                reference.size(),
                sortedCurrent.length,
                numericHistogram(sortedReference, sortedCurrent)));
    }

    /** A numeric column with at most five distinct values in reference and current together: values as categories. */
    private static Optional<FeatureDrift> fewValues(ReferenceColumn.Numeric reference, TreeMap<Double, Long> current) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Double, Long> referenceCounts = reference.valueCounts();
        int distinct = Samples.countDistinctUnion(referenceCounts, current);
        StatTest test = categoricalTest(reference.size(), distinct);
        TestOutcome outcome = run(test, referenceCounts, current);
        double[] currentShares = new double[reference.csiBins().size()];
        double total = ChiSquareTest.sum(current);
        for (Map.Entry<Double, Long> e : current.entrySet()) {
            currentShares[reference.csiBins().binOf(e.getKey())] += e.getValue() / total;
        }
        double csi = StabilityBins.psi(reference.csiReferenceShares(), currentShares);
        return Optional.of(verdict(
                reference.name(),
                ColumnKind.NUMERIC,
                test,
                outcome,
                csi,
                reference.size(),
                (int) total,
                categoryHistogram(referenceCounts, current)));
    }

    /**
     * Counts the current values when they and the reference's together have at most five distinct values;
     * null otherwise.
     */
    private static TreeMap<Double, Long> countFewValues(double[] current, TreeMap<Double, Long> referenceCounts) {
        double[] keys = new double[FEW_VALUES];
        long[] counts = new long[FEW_VALUES];
        int size = 0;
        for (double key : referenceCounts.keySet()) {
            keys[size++] = key;
        }
        for (double v : current) {
            if (Double.isNaN(v)) {
                continue;
            }
            int k = 0;
            while (k < size && keys[k] != v) {
                k++;
            }
            if (k == size) {
                if (size == FEW_VALUES) {
                    return null;
                }
                keys[size++] = v;
            }
            counts[k]++;
        }
        TreeMap<Double, Long> result = new TreeMap<>();
        for (int k = 0; k < size; k++) {
            if (counts[k] > 0) {
                result.put(keys[k] == 0.0 ? 0.0 : keys[k], counts[k]);
            }
        }
        return result;
    }

    /** Tests a categorical column; null labels in {@code current} are missing. */
    public static Optional<FeatureDrift> categorical(ReferenceColumn.Categorical reference, String[] current) {
        Map<String, Long> referenceCounts = reference.counts();
        TreeMap<String, Long> currentCounts = Samples.countLabels(current);
        if (referenceCounts.isEmpty() || currentCounts.isEmpty()) {
            return Optional.empty();
        }
        int distinct = Samples.countDistinctUnion(referenceCounts, currentCounts);
        StatTest test = categoricalTest(reference.size(), distinct);
        TestOutcome outcome = run(test, referenceCounts, currentCounts);
        Histogram histogram = categoryHistogram(referenceCounts, currentCounts);
        double csi = 0;
        for (int k = 0; k < histogram.labels().size(); k++) {
            csi += StabilityBins.contribution(
                    histogram.reference().get(k), histogram.current().get(k));
        }
        int currentRows = (int) ChiSquareTest.sum(currentCounts);
        return Optional.of(verdict(
                reference.name(),
                ColumnKind.CATEGORICAL,
                test,
                outcome,
                csi,
                reference.size(),
                currentRows,
                histogram));
    }

    private static StatTest categoricalTest(int referenceSize, int distinct) {
        if (referenceSize > SMALL_REFERENCE) {
            return StatTest.JENSEN_SHANNON;
        }
        return distinct > 2 ? StatTest.CHI_SQUARE : StatTest.Z;
    }

    private static <K extends Comparable<K>> TestOutcome run(
            StatTest test, Map<K, Long> reference, Map<K, Long> current) {
        return switch (test) {
            case CHI_SQUARE -> ChiSquareTest.test(reference, current);
            case Z -> ProportionZTest.test(reference, current);
            case JENSEN_SHANNON -> TestOutcome.distance(JensenShannonDistance.between(reference, current));
            default -> throw new IllegalArgumentException("not a categorical test: " + test);
        };
    }

    private static FeatureDrift verdict(
            String name,
            ColumnKind kind,
            StatTest test,
            TestOutcome outcome,
            double csi,
            int referenceRows,
            int currentRows,
            Histogram histogram) {
        double threshold = test.defaultThreshold();
        boolean drifted = test.drifted(outcome.statistic(), outcome.pValue(), threshold);
        return new FeatureDrift(
                name,
                kind,
                test,
                outcome.statistic(),
                outcome.pValue(),
                threshold,
                drifted,
                csi,
                referenceRows,
                currentRows,
                histogram);
    }

    private static Histogram numericHistogram(double[] reference, double[] current) {
        double low = Math.min(reference[0], current[0]);
        double high = Math.max(reference[reference.length - 1], current[current.length - 1]);
        double width = (high - low) / HISTOGRAM_BINS;
        List<String> labels = new ArrayList<>(HISTOGRAM_BINS);
        for (int k = 0; k < HISTOGRAM_BINS; k++) {
            labels.add(String.format("%.4g", low + k * width));
        }
        return new Histogram(labels, equalWidthShares(reference, low, width), equalWidthShares(current, low, width));
    }

    private static List<Double> equalWidthShares(double[] values, double low, double width) {
        double[] counts = new double[HISTOGRAM_BINS];
        for (double v : values) {
            int bin = width == 0 ? 0 : (int) ((v - low) / width);
            counts[Math.min(Math.max(bin, 0), HISTOGRAM_BINS - 1)]++;
        }
        List<Double> shares = new ArrayList<>(HISTOGRAM_BINS);
        for (double c : counts) {
            shares.add(c / values.length);
        }
        return shares;
    }

    private static <K extends Comparable<K>> Histogram categoryHistogram(Map<K, Long> reference, Map<K, Long> current) {
        TreeSet<K> keys = new TreeSet<>(reference.keySet());
        keys.addAll(current.keySet());
        double referenceSize = ChiSquareTest.sum(reference);
        double currentSize = ChiSquareTest.sum(current);
        List<String> labels = new ArrayList<>();
        List<Double> referenceShares = new ArrayList<>();
        List<Double> currentShares = new ArrayList<>();
        for (K key : keys) {
            labels.add(key instanceof Double d ? RawValues.numberLabel(d) : String.valueOf(key));
            referenceShares.add(reference.getOrDefault(key, 0L) / referenceSize);
            currentShares.add(current.getOrDefault(key, 0L) / currentSize);
        }
        return new Histogram(labels, referenceShares, currentShares);
    }
}
