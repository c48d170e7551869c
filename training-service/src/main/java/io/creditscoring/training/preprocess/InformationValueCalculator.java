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
 */
public final class InformationValueCalculator {

    private InformationValueCalculator() {}

    /** One entry per model-input feature, strongest first. */
    public static List<InformationValue> table(PortfolioSchema schema, List<LabelledRow> train, int bins) {
        List<InformationValue> out = new ArrayList<>();
        int totalBad = (int) train.stream().filter(LabelledRow::defaulted).count();
        int totalGood = train.size() - totalBad;
        for (FeatureSpec f : schema.modelInputs()) {
            Map<String, int[]> counts = f.isNumeric() ? numericBins(f, train, bins) : categoryBins(f, train);
            out.add(summarise(f.name(), counts, totalGood, totalBad));
        }
        out.sort(Comparator.comparingDouble(InformationValue::iv).reversed());
        return out;
    }

    private static Map<String, int[]> numericBins(FeatureSpec f, List<LabelledRow> train, int bins) {
        double[] values = train.stream()
                .mapToDouble(r -> RawValues.number(r.features().get(f.name())))
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        TreeSet<Double> cuts = new TreeSet<>();
        for (int q = 1; q < bins && values.length > 0; q++) {
            cuts.add(values[Math.min(values.length - 1, (int) ((long) q * values.length / bins))]);
        }
        if (values.length > 0) {
            cuts.add(values[values.length - 1]);
        }
        Double[] edges = cuts.toArray(Double[]::new);
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < edges.length; i++) {
            counts.put(label(edges, i), new int[2]);
        }
        counts.put("missing", new int[2]);
        for (LabelledRow r : train) {
            double v = RawValues.number(r.features().get(f.name()));
            String key;
            if (Double.isNaN(v)) {
                key = "missing";
            } else {
                int i = Arrays.binarySearch(edges, v);
                key = label(edges, i >= 0 ? i : Math.min(edges.length - 1, -i - 1));
            }
            counts.get(key)[r.defaulted() ? 1 : 0]++;
        }
        return counts;
    }

    private static String label(Double[] edges, int i) {
        return i == 0 ? "<= " + fmt(edges[0]) : "(" + fmt(edges[i - 1]) + ", " + fmt(edges[i]) + "]";
    }

    /** A bin edge for the table: as the contract writes a number when that is short, else four significant digits. */
    private static String fmt(double d) {
        String exact = RawValues.numberLabel(d);
        return exact.length() <= 12 ? exact : String.format(Locale.ROOT, "%.4g", d);
    }

    private static Map<String, int[]> categoryBins(FeatureSpec f, List<LabelledRow> train) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        f.categories().forEach(c -> counts.put(c, new int[2]));
        counts.put("missing", new int[2]);
        counts.put("unknown", new int[2]);
        for (LabelledRow r : train) {
            String c = RawValues.label(r.features().get(f.name()));
            String key = c == null ? "missing" : counts.containsKey(c) ? c : "unknown";
            counts.get(key)[r.defaulted() ? 1 : 0]++;
        }
        return counts;
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
