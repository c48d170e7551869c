package io.creditscoring.training.preprocess;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.training.dataset.LabelledRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The information-value (IV/WOE) table of every model-input feature, on the training split: numeric features in
 * quantile bins plus a missing bin, categorical features by category plus missing and unknown.
 *
 * <p>Two steps: the rows are counted by bin ({@link BinnedFeature}), then the bins are labelled and summarised. A local
 * run counts its rows here ({@link #table(PortfolioSchema, List, int)}); a Spark run's job counts all training rows
 * by the same rules, distributed, and hands the counts to {@link #table(List, int, int)}: the same labels and sums
 * for the same counts, so both engines give the same table for the same rows.
 */
public final class InformationValueCalculator {

    private static final String MISSING = "missing";
    private static final String UNKNOWN = "unknown";

    private InformationValueCalculator() {}

    /**
     * One bin's training rows, before the bin is labelled: a numeric bin by its upper cut edge, else a named bin (a
     * category, {@value #MISSING} or {@value #UNKNOWN}).
     *
     * @param edge the cut edge of a numeric bin (its label comes from this edge and the one before), or NaN
     * @param name the bin's label when it has no edge, else null
     * @param good rows that did not default
     * @param bad rows that defaulted
     */
    public record BinCount(double edge, String name, int good, int bad) {

        public BinCount {
            if (Double.isNaN(edge) == (name == null)) {
                throw new IllegalArgumentException("a bin has an edge or a name, not both or neither");
            }
        }

        /** The bin of the values above the previous edge up to {@code edge}. */
        public static BinCount upTo(double edge, int good, int bad) {
            return new BinCount(edge, null, good, bad);
        }

        public static BinCount named(String name, int good, int bad) {
            return new BinCount(Double.NaN, name, good, bad);
        }

        boolean hasEdge() {
            return name == null;
        }
    }

    /**
     * A feature's training rows by bin, in the table's order: for a numeric feature one bin per cut edge (edges
     * ascending), then {@value #MISSING}; for a categorical feature its schema categories in order, then {@value
     * #MISSING} and {@value #UNKNOWN}.
     */
    public record BinnedFeature(String feature, List<BinCount> bins) {

        public BinnedFeature {
            bins = List.copyOf(bins);
        }

        public int rows() {
            return bins.stream().mapToInt(b -> b.good() + b.bad()).sum();
        }

        public int defaults() {
            return bins.stream().mapToInt(BinCount::bad).sum();
        }
    }

    /** One entry per model-input feature, strongest first. */
    public static List<InformationValue> table(PortfolioSchema schema, List<LabelledRow> train, int bins) {
        int bad = (int) train.stream().filter(LabelledRow::defaulted).count();
        List<BinnedFeature> binned = new ArrayList<>();
        for (FeatureSpec f : schema.modelInputs()) {
            binned.add(f.isNumeric() ? numericBins(f, train, bins) : categoryBins(f, train));
        }
        return table(binned, train.size() - bad, bad);
    }

    /**
     * The table from rows already counted by bin, one entry per feature, strongest first (a tie keeps the order
     * given).
     *
     * @param good the training rows that did not default
     * @param bad the training rows that defaulted
     */
    public static List<InformationValue> table(List<BinnedFeature> features, int good, int bad) {
        List<InformationValue> out = new ArrayList<>();
        for (BinnedFeature f : features) {
            out.add(summarise(f.feature(), labelled(f.bins()), good, bad));
        }
        out.sort(Comparator.comparingDouble(InformationValue::iv).reversed());
        return out;
    }

    /**
     * The cut edges of a feature's sorted non-missing values {@code v[0..n-1]}: {@code v[min(n-1, floor(q*n/bins))]}
     * for q = 1..bins-1 and the largest value {@code v[n-1]}, without repeats, ascending (none when n is 0).
     */
    private static double[] edges(double[] sorted, int bins) {
        int n = sorted.length;
        TreeSet<Double> cuts = new TreeSet<>();
        for (int q = 1; q < bins && n > 0; q++) {
            cuts.add(sorted[Math.min(n - 1, (int) ((long) q * n / bins))]);
        }
        if (n > 0) {
            cuts.add(sorted[n - 1]);
        }
        return cuts.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The bin of a non-missing value: the edge it equals, else the first edge above it (the last bin for a value
     * above every edge, which the largest value as an edge rules out for the rows the edges came from).
     */
    private static int bin(double[] edges, double value) {
        int i = Arrays.binarySearch(edges, value);
        return i >= 0 ? i : Math.min(edges.length - 1, -i - 1);
    }

    private static BinnedFeature numericBins(FeatureSpec f, List<LabelledRow> train, int bins) {
        double[] values = train.stream()
                .mapToDouble(r -> RawValues.number(r.features().get(f.name())))
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        double[] edges = edges(values, bins);
        int[][] counts = new int[edges.length + 1][2]; // the last: missing
        for (LabelledRow r : train) {
            double v = RawValues.number(r.features().get(f.name()));
            int i = Double.isNaN(v) ? edges.length : bin(edges, v);
            counts[i][r.defaulted() ? 1 : 0]++;
        }
        List<BinCount> out = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            out.add(BinCount.upTo(edges[i], counts[i][0], counts[i][1]));
        }
        out.add(BinCount.named(MISSING, counts[edges.length][0], counts[edges.length][1]));
        return new BinnedFeature(f.name(), out);
    }

    private static BinnedFeature categoryBins(FeatureSpec f, List<LabelledRow> train) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        f.categories().forEach(c -> counts.put(c, new int[2]));
        int[] missing = new int[2];
        int[] unknown = new int[2];
        for (LabelledRow r : train) {
            String c = RawValues.label(r.features().get(f.name()));
            // text spelled like the missing bin's label, and no category, has always counted as missing here
            int[] bin = c == null || (c.equals(MISSING) && !counts.containsKey(c))
                    ? missing
                    : counts.getOrDefault(c, unknown);
            bin[r.defaulted() ? 1 : 0]++;
        }
        List<BinCount> out = new ArrayList<>();
        counts.forEach((c, n) -> out.add(BinCount.named(c, n[0], n[1])));
        out.add(BinCount.named(MISSING, missing[0], missing[1]));
        out.add(BinCount.named(UNKNOWN, unknown[0], unknown[1]));
        return new BinnedFeature(f.name(), out);
    }

    /**
     * The bins by label, in order: a numeric bin's label from its edges; bins of the same label (a category named
     * {@value #MISSING}, or two edges that print alike) are one bin, where the label first came.
     */
    private static Map<String, int[]> labelled(List<BinCount> bins) {
        double[] edges = bins.stream()
                .filter(BinCount::hasEdge)
                .mapToDouble(BinCount::edge)
                .toArray();
        Map<String, int[]> counts = new LinkedHashMap<>();
        int edge = 0;
        for (BinCount b : bins) {
            String label = b.hasEdge() ? label(edges, edge++) : b.name();
            int[] n = counts.computeIfAbsent(label, l -> new int[2]);
            n[0] += b.good();
            n[1] += b.bad();
        }
        return counts;
    }

    private static String label(double[] edges, int i) {
        return i == 0 ? "<= " + fmt(edges[0]) : "(" + fmt(edges[i - 1]) + ", " + fmt(edges[i]) + "]";
    }

    /** A bin edge for the table: as the contract writes a number when that is short, else four significant digits. */
    private static String fmt(double d) {
        String exact = RawValues.numberLabel(d);
        return exact.length() <= 12 ? exact : String.format(Locale.ROOT, "%.4g", d);
    }

    private static InformationValue summarise(String feature, Map<String, int[]> counts, int good, int bad) {
        List<InformationValue.Bin> bins = new ArrayList<>();
        double iv = 0;
        for (var e : counts.entrySet()) {
            int g = e.getValue()[0];
            int b = e.getValue()[1];
            if (g + b == 0) {
                continue;
            }
            double goodShare = (g == 0 ? 0.5 : g) / (double) Math.max(1, good);
            double badShare = (b == 0 ? 0.5 : b) / (double) Math.max(1, bad);
            double woe = Math.log(goodShare / badShare);
            iv += (goodShare - badShare) * woe;
            bins.add(new InformationValue.Bin(e.getKey(), g + b, b, woe));
        }
        return new InformationValue(feature, iv, bins);
    }
}
