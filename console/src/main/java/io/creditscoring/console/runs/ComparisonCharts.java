package io.creditscoring.console.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The overlaid ROC and KS charts of a comparison ({@code GET /v1/training-runs/compare}): one curve per run, of the
 * model the run selected (or its first model when it selected none), on that run's own test split. The KS chart
 * draws the separation |F(non-defaulters) - F(defaulters)| against the share of applications, so that several runs
 * overlay as one line each; its peak, marked, is the run's KS.
 */
public final class ComparisonCharts {

    /** Colours that stay apart for the common colour-vision deficiencies (Okabe and Ito), then dash patterns. */
    static final List<String> COLORS =
            List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255");

    static final List<String> DASHES = List.of("none", "6 3", "2 3", "8 3 2 3");

    private ComparisonCharts() {}

    /** The ROC chart, the KS chart, and which curve is which run. */
    public record Charts(CurveChart roc, CurveChart ks, List<String> missing) {}

    static Charts of(List<Map<String, Object>> runs) {
        List<CurveChart.Line> roc = new ArrayList<>();
        List<CurveChart.Line> ks = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int n = 0;
        for (Map<String, Object> run : runs) {
            Map<String, Object> model = chartedModel(run);
            String label = shortId(run.get("runId")) + " · " + (model == null ? "no model" : model.get("algorithm"));
            if (model == null
                    || !(model.get("roc") instanceof List<?> rocPoints)
                    || !(model.get("ks") instanceof Map<?, ?> ksCurve)) {
                missing.add(label);
                continue;
            }
            String color = COLORS.get(n % COLORS.size());
            String dash = DASHES.get(n % DASHES.size());
            n++;
            roc.add(new CurveChart.Line(
                    label + " (AUC " + metric(model, "auc") + ")", color, dash, rocPoints(rocPoints), null));
            ks.add(new CurveChart.Line(
                    label + " (KS " + metric(model, "ks") + ")",
                    color,
                    dash,
                    ksPoints(ksCurve.get("points")),
                    widest(ksCurve.get("widest"))));
        }
        return new Charts(
                new CurveChart(
                        "roc-chart",
                        "ROC curves on each run's test split",
                        "false positive rate (non-defaulters flagged)",
                        "true positive rate (defaulters flagged)",
                        true,
                        roc),
                new CurveChart(
                        "ks-chart",
                        "KS separation on each run's test split",
                        "share of applications, by rising probability",
                        "separation of the cumulative shares",
                        false,
                        ks),
                missing);
    }

    /** The model whose curves represent the run: the one it selected, else its first. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> chartedModel(Map<String, Object> run) {
        if (!(run.get("models") instanceof List<?> models) || models.isEmpty()) {
            return null;
        }
        for (Object model : models) {
            if (model instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("selected"))) {
                return (Map<String, Object>) m;
            }
        }
        return (Map<String, Object>) models.getFirst();
    }

    static String shortId(Object runId) {
        String id = String.valueOf(runId);
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String rocPoints(List<?> points) {
        StringJoiner out = new StringJoiner(" ");
        for (Object p : points) {
            if (p instanceof Map<?, ?> point) {
                out.add(CurveChart.point(
                        number(point.get("falsePositiveRate")), number(point.get("truePositiveRate"))));
            }
        }
        return out.toString();
    }

    private static String ksPoints(Object points) {
        StringJoiner out = new StringJoiner(" ");
        if (points instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> point) {
                    out.add(CurveChart.point(number(point.get("population")), gap(point)));
                }
            }
        }
        return out.toString();
    }

    private static CurveChart.Marker widest(Object widest) {
        if (!(widest instanceof Map<?, ?> point)) {
            return null;
        }
        double population = number(point.get("population"));
        double gap = gap(point);
        return new CurveChart.Marker(
                CurveChart.x(population),
                CurveChart.y(gap),
                String.format(java.util.Locale.ROOT, "KS %.4f at %.1f%% of applications", gap, 100 * population));
    }

    private static double gap(Map<?, ?> point) {
        return Math.abs(number(point.get("nonDefaults")) - number(point.get("defaults")));
    }

    private static String metric(Map<String, Object> model, String name) {
        return model.get("metrics") instanceof Map<?, ?> metrics && metrics.get(name) instanceof Number value
                ? String.format(java.util.Locale.ROOT, "%.4f", value.doubleValue())
                : "–";
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
