package io.creditscoring.drift.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Small operations on samples shared by the tests. */
public final class Samples {

    private Samples() {}

    /** A sorted copy without NaN values. */
    public static double[] sortedWithoutNaN(double[] values) {
        double[] copy = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                copy[n++] = v;
            }
        }
        double[] sorted = n == copy.length ? copy : Arrays.copyOf(copy, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Population standard deviation ({@code numpy.std}, ddof 0), two-pass; 0 for an empty sample. */
    public static double populationStd(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            double d = v - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / values.length);
    }

    public static int countDistinctSorted(double[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** Number of distinct values in the union of two sorted samples, stopping once {@code limit} is exceeded. */
    public static int countDistinctUnion(double[] a, double[] b, int limit) {
        int i = 0;
        int j = 0;
        int distinct = 0;
        while ((i < a.length || j < b.length) && distinct <= limit) {
            double t = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            distinct++;
            while (i < a.length && a[i] == t) {
                i++;
            }
            while (j < b.length && b[j] == t) {
                j++;
            }
        }
        return distinct;
    }

    /** Count per distinct value of a sorted sample. */
    public static TreeMap<Double, Long> countSorted(double[] sorted) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        int i = 0;
        while (i < sorted.length) {
            int start = i;
            while (i < sorted.length && sorted[i] == sorted[start]) {
                i++;
            }
            counts.put(sorted[start], (long) (i - start));
        }
        return counts;
    }

    /** Count per non-null label. */
    public static TreeMap<String, Long> countLabels(String[] labels) {
        java.util.HashMap<String, long[]> counts = new java.util.HashMap<>();
        for (String label : labels) {
            if (label != null) {
                counts.computeIfAbsent(label, k -> new long[1])[0]++;
            }
        }
        TreeMap<String, Long> sorted = new TreeMap<>();
        counts.forEach((label, count) -> sorted.put(label, count[0]));
        return sorted;
    }

    /** Number of distinct keys in the union of two count tables. */
    public static <K> int countDistinctUnion(Map<K, Long> a, Map<K, Long> b) {
        int distinct = a.size();
        for (K key : b.keySet()) {
            if (!a.containsKey(key)) {
                distinct++;
            }
        }
        return distinct;
    }
}
