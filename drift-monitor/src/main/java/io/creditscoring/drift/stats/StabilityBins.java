package io.creditscoring.drift.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bins frozen on a reference sample for the population stability index (PSI) of the predicted probability and
 * the characteristic stability index (CSI) of a numeric feature.
 *
 * <p>The edges are the reference's quantiles at {@code 1/k, ..., (k-1)/k} ({@code numpy.quantile}, linear
 * interpolation), with duplicates removed, so a column with heavy ties gets fewer bins. A value {@code x} falls
 * in bin {@code #edges < x} ({@code numpy.searchsorted(edges, x, side='left')}): the first bin is
 * {@code (-inf, e1]}, the last {@code (e_last, +inf)}.
 *
 * <p>{@code PSI = sum (c_i - r_i) ln(c_i / r_i)} over the bins' current and reference shares; an empty bin's
 * share is replaced by {@value #EMPTY_SHARE} so the sum stays finite. Bands: below 0.1 stable, 0.1 to 0.25
 * watch, 0.25 and above shift.
 */
public record StabilityBins(double[] edges) {

    /** Share used for an empty bin. */
    public static final double EMPTY_SHARE = 1e-4;

    /** The usual ten bins. */
    public static final int DEFAULT_BINS = 10;

    public StabilityBins {
        edges = edges.clone();
    }

    /** Freezes {@code bins} quantile bins on a sorted, NaN-free, non-empty reference sample. */
    public static StabilityBins ofSortedReference(double[] sortedReference, int bins) {
        if (sortedReference.length == 0) {
            throw new IllegalArgumentException("stability bins need a non-empty reference");
        }
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int k = 1; k < bins; k++) {
            double edge = quantile(sortedReference, (double) k / bins);
            if (count == 0 || edge > edges[count - 1]) {
                edges[count++] = edge;
            }
        }
        return new StabilityBins(Arrays.copyOf(edges, count));
    }

    /** {@code numpy.quantile(a, q)} with the default linear method, on a sorted array. */
    public static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        double fraction = position - low;
        double a = sorted[low];
        double b = sorted[high];
        double diff = b - a;
        // numpy's _lerp: interpolate from the nearer end, for monotonicity and exactness at the ends
        return fraction >= 0.5 ? b - diff * (1 - fraction) : a + diff * fraction;
    }

    public int size() {
        return edges.length + 1;
    }

    public int binOf(double x) {
        int position = Arrays.binarySearch(edges, x);
        if (position >= 0) {
            // x equals an edge: it belongs to the bin that edge closes (the first equal one)
            while (position > 0 && edges[position - 1] == x) {
                position--;
            }
            return position;
        }
        return -position - 1;
    }

    /** Shares of the non-NaN values in each bin (zeros when there are none). */
    public double[] shares(double[] values) {
        double[] counts = new double[size()];
        int total = 0;
        for (double x : values) {
            if (!Double.isNaN(x)) {
                counts[binOf(x)]++;
                total++;
            }
        }
        if (total > 0) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] /= total;
            }
        }
        return counts;
    }

    /** Human labels of the bins, such as {@code (0.12, 0.18]}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(size());
        for (int k = 0; k < size(); k++) {
            String low = k == 0 ? "-inf" : format(edges[k - 1]);
            String high = k == edges.length ? "+inf" : format(edges[k]);
            labels.add("(" + low + ", " + high + (k == edges.length ? ")" : "]"));
        }
        return labels;
    }

    /** PSI between reference and current shares of the same bins, empty shares floored at {@value #EMPTY_SHARE}. */
    public static double psi(double[] referenceShares, double[] currentShares) {
        double psi = 0;
        for (int k = 0; k < referenceShares.length; k++) {
            psi += contribution(referenceShares[k], currentShares[k]);
        }
        return psi;
    }

    /** One bin's term of the PSI sum. */
    public static double contribution(double referenceShare, double currentShare) {
        double r = referenceShare > 0 ? referenceShare : EMPTY_SHARE;
        double c = currentShare > 0 ? currentShare : EMPTY_SHARE;
        return (c - r) * Math.log(c / r);
    }

    private static String format(double value) {
        return Math.abs(value) >= 1000 ? String.format("%.0f", value) : String.format("%.4g", value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StabilityBins that && Arrays.equals(edges, that.edges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "StabilityBins" + Arrays.toString(edges);
    }
}
