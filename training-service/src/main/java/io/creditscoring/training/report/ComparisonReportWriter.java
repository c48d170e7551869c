package io.creditscoring.training.report;

import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.evaluation.ModelMetrics;
import io.creditscoring.training.preprocess.DroppedFeature;
import io.creditscoring.training.preprocess.InformationValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ComparisonReport} as one self-contained HTML page: inline CSS and inline SVG charts drawn here,
 * no script, no external resource, so that it can be archived and opened anywhere.
 */
public final class ComparisonReportWriter {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int W = 440;
    private static final int H = 320;
    private static final int PAD = 45;

    private ComparisonReportWriter() {}

    public static String write(ComparisonReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Training run ")
                .append(r.runId())
                .append(" – ")
                .append(esc(r.portfolio()))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;")
                .append("padding:3px 8px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
                .append("h2{border-bottom:2px solid #ddd;padding-bottom:3px;margin-top:1.6em}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}.sel{background:#eef7ee}")
                .append("svg text{font-size:11px}.muted{color:#777}")
                .append("</style></head><body>");
        h.append("<h1>Model comparison – ").append(esc(r.portfolio())).append("</h1>");
        h.append("<p class=\"muted\">Run ")
                .append(r.runId())
                .append(", generated ")
                .append(Instant.now())
                .append("</p>");
        summary(h, r);
        metricsTable(h, r);
        h.append("<section id=\"roc\"><h2>ROC curves (test split)</h2><div class=\"charts\">");
        h.append(rocChart(r));
        h.append("</div></section>");
        h.append("<section id=\"ks\"><h2>KS charts (test split)</h2><div class=\"charts\">");
        for (int i = 0; i < r.models().size(); i++) {
            h.append(ksChart(r.models().get(i), r.testLabels(), COLOURS[i % COLOURS.length]));
        }
        h.append("</div></section>");
        h.append("<section id=\"calibration\"><h2>Calibration by deciles (test split)</h2><div class=\"charts\">");
        h.append(calibrationChart(r));
        h.append("</div>");
        calibrationTable(h, r);
        h.append("</section>");
        confusion(h, r);
        importance(h, r);
        ivTable(h, r);
        preprocessing(h, r);
        lineage(h, r);
        timings(h, r);
        params(h, r);
        h.append("</body></html>");
        return h.toString();
    }

    private static void summary(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"summary\"><h2>Summary</h2><p>");
        if (r.selected() != null) {
            h.append("Selected model: <strong>")
                    .append(r.selected())
                    .append("</strong> (best validation AUC,")
                    .append(" preferring the simpler model unless a more complex one is better by more than ")
                    .append(fmt(r.selectionMargin()))
                    .append(").");
        } else {
            h.append("No model selected.");
        }
        h.append("</p>");
        for (var m : r.models()) {
            convergence(h, m);
        }
        h.append("</section>");
    }

    /** Whether an iterative fit that records it (logistic regression) converged within its budget. */
    private static void convergence(StringBuilder h, ComparisonReport.ModelSection m) {
        Map<String, String> d = m.details();
        if (!d.containsKey("converged")) {
            return;
        }
        boolean converged = Boolean.parseBoolean(d.get("converged"));
        h.append("<p class=\"convergence\">")
                .append(m.algorithm())
                .append(converged ? " converged in " : " <strong>did not converge</strong> within ")
                .append(esc(converged ? d.get("iterations") + " of at most " : ""))
                .append(esc(d.get("maxIterations")))
                .append(" L-BFGS iterations: gradient norm ")
                .append(sci(d.get("gradientNorm")))
                .append(converged ? " below" : " above")
                .append(" the tolerance ")
                .append(sci(d.get("tolerance")))
                .append(
                        converged
                                ? "."
                                : "; its coefficients are the last iterate (raise logisticRegression.maxIterations).")
                .append("</p>");
    }

    private static String sci(String number) {
        try {
            return number == null ? "n/a" : String.format(Locale.ROOT, "%.2e", Double.parseDouble(number));
        } catch (NumberFormatException e) {
            return esc(number);
        }
    }

    private static void metricsTable(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"metrics\"><h2>Metrics (test split)</h2><table><tr><th class=\"l\">Model</th>")
                .append("<th>Validation AUC</th><th>AUC</th><th>Gini</th><th>KS</th><th>Brier</th>")
                .append("<th>Log loss</th><th>Threshold</th><th>Precision</th><th>Recall</th><th>F1</th></tr>");
        for (var m : r.models()) {
            ModelMetrics x = m.metrics();
            h.append("<tr")
                    .append(m.algorithm() == r.selected() ? " class=\"sel\"" : "")
                    .append("><td class=\"l\">")
                    .append(m.algorithm())
                    .append(m.algorithm() == r.selected() ? " (selected)" : "")
                    .append("</td>");
            for (double v : new double[] {
                m.validationAuc(),
                x.auc(),
                x.gini(),
                x.ks(),
                x.brier(),
                x.logLoss(),
                x.threshold(),
                x.precision(),
                x.recall(),
                x.f1()
            }) {
                h.append("<td>").append(fmt(v)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table></section>");
    }

    private static String rocChart(ComparisonReport r) {
        StringBuilder s = frame("ROC", "false positive rate", "true positive rate", 1);
        s.append(line(0, 0, 1, 1, "#bbb", "4,3"));
        for (int i = 0; i < r.models().size(); i++) {
            var m = r.models().get(i);
            s.append(polyline(
                    m.metrics().roc().stream()
                            .map(p -> new double[] {p.falsePositiveRate(), p.truePositiveRate()})
                            .toList(),
                    COLOURS[i % COLOURS.length]));
            legend(
                    s,
                    i,
                    r.models().size(),
                    m.algorithm() + " AUC " + fmt(m.metrics().auc()),
                    COLOURS[i % COLOURS.length],
                    true);
        }
        return s.append("</svg>").toString();
    }

    private static String ksChart(ComparisonReport.ModelSection m, int[] y, String colour) {
        ProbabilityMetrics.KsCurve curve =
                ProbabilityMetrics.of(m.testProbabilities(), y).ksCurve(200);
        List<double[]> good = curve.points().stream()
                .map(p -> new double[] {p.population(), p.nonDefaults()})
                .toList();
        List<double[]> bad = curve.points().stream()
                .map(p -> new double[] {p.population(), p.defaults()})
                .toList();
        double bestX = curve.widest().population();
        double[] bestPair = {curve.widest().defaults(), curve.widest().nonDefaults()};
        StringBuilder s = frame("KS – " + m.algorithm(), "share of applications (by rising PD)", "cumulative share", 1);
        s.append(polyline(good, "#2ca02c"));
        s.append(polyline(bad, "#d62728"));
        s.append(line(bestX, bestPair[0], bestX, bestPair[1], colour, "3,2"));
        legend(s, 0, 3, "non-defaults", "#2ca02c", false);
        legend(s, 1, 3, "defaults", "#d62728", false);
        legend(s, 2, 3, "KS " + fmt(m.metrics().ks()), colour, false);
        return s.append("</svg>").toString();
    }

    private static String calibrationChart(ComparisonReport r) {
        double max = 0;
        for (var m : r.models()) {
            for (var b : m.metrics().calibration()) {
                max = Math.max(max, Math.max(b.meanPredicted(), b.observedRate()));
            }
        }
        double scale = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
        StringBuilder s = frame("Calibration", "mean predicted PD", "observed default rate", scale);
        s.append(line(0, 0, 1, 1, "#bbb", "4,3"));
        for (int i = 0; i < r.models().size(); i++) {
            var m = r.models().get(i);
            List<double[]> pts = m.metrics().calibration().stream()
                    .map(b -> new double[] {b.meanPredicted() / scale, b.observedRate() / scale})
                    .toList();
            String c = COLOURS[i % COLOURS.length];
            s.append(polyline(pts, c));
            for (double[] pt : pts) {
                s.append(String.format(
                        Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x(pt[0]), y(pt[1]), c));
            }
            legend(s, i, r.models().size(), m.algorithm().toString(), c, false);
        }
        return s.append("</svg>").toString();
    }

    private static void calibrationTable(StringBuilder h, ComparisonReport r) {
        h.append("<table><tr><th class=\"l\">Model</th>");
        for (int d = 1; d <= 10; d++) {
            h.append("<th>Decile ").append(d).append("</th>");
        }
        h.append("</tr>");
        for (var m : r.models()) {
            h.append("<tr><td class=\"l\">").append(m.algorithm()).append(" predicted / observed</td>");
            for (var b : m.metrics().calibration()) {
                h.append("<td>")
                        .append(fmt(b.meanPredicted()))
                        .append(" / ")
                        .append(fmt(b.observedRate()))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private static void confusion(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"confusion\"><h2>Confusion matrices (test split, at each model's threshold)</h2>")
                .append("<div class=\"charts\">");
        for (var m : r.models()) {
            Metrics.Confusion c = m.metrics().confusion();
            h.append("<table><tr><th class=\"l\">")
                    .append(m.algorithm())
                    .append(" @ ")
                    .append(fmt(m.metrics().threshold()))
                    .append("</th><th>predicted default</th><th>predicted non-default</th></tr>")
                    .append("<tr><th class=\"l\">defaulted</th><td>")
                    .append(c.tp())
                    .append("</td><td>")
                    .append(c.fn())
                    .append("</td></tr><tr><th class=\"l\">did not default</th><td>")
                    .append(c.fp())
                    .append("</td><td>")
                    .append(c.tn())
                    .append("</td></tr></table>");
        }
        h.append("</div></section>");
    }

    private static void importance(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"importance\"><h2>Feature importance</h2><div class=\"charts\">");
        for (int i = 0; i < r.models().size(); i++) {
            var m = r.models().get(i);
            List<Map.Entry<String, Double>> top = m.featureImportance().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(15)
                    .toList();
            double max = top.isEmpty() ? 1 : Math.max(1e-12, top.getFirst().getValue());
            int rowH = 16;
            int height = 40 + rowH * top.size();
            StringBuilder s = new StringBuilder();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(W)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" role=\"img\"><text x=\"5\" y=\"15\" font-weight=\"bold\">")
                    .append(m.algorithm())
                    .append("</text><text x=\"5\" y=\"29\" class=\"muted\">")
                    .append(esc(m.importanceKind()))
                    .append("</text>");
            for (int k = 0; k < top.size(); k++) {
                double len = (W - 200) * top.get(k).getValue() / max;
                int yy = 36 + k * rowH;
                s.append("<text x=\"150\" y=\"")
                        .append(yy + 11)
                        .append("\" text-anchor=\"end\">")
                        .append(esc(top.get(k).getKey()))
                        .append("</text>")
                        .append(String.format(
                                Locale.ROOT,
                                "<rect x=\"155\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>",
                                yy + 1,
                                len,
                                COLOURS[i % COLOURS.length]))
                        .append(String.format(
                                Locale.ROOT,
                                "<text x=\"%.1f\" y=\"%d\">%s</text>",
                                160 + len,
                                yy + 11,
                                fmt(top.get(k).getValue())));
            }
            h.append(s).append("</svg>");
        }
        h.append("</div></section>");
    }

    private static void ivTable(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"iv\"><h2>Information value (training split)</h2>")
                .append("<table><tr><th class=\"l\">Feature</th><th>IV</th><th class=\"l\">Strength</th>")
                .append("<th class=\"l\">Bins: label (rows, default rate, WOE)</th></tr>");
        for (InformationValue iv : r.informationValues()) {
            h.append("<tr><td class=\"l\">")
                    .append(esc(iv.feature()))
                    .append("</td><td>")
                    .append(fmt(iv.iv()))
                    .append("</td><td class=\"l\">")
                    .append(iv.strength())
                    .append("</td><td class=\"l\"><details><summary>")
                    .append(iv.bins().size())
                    .append(" bins</summary>");
            for (var b : iv.bins()) {
                h.append(esc(b.label()))
                        .append(" (")
                        .append(b.rows())
                        .append(", ")
                        .append(fmt(b.defaults() / (double) b.rows()))
                        .append(", ")
                        .append(fmt(b.woe()))
                        .append(")<br>");
            }
            h.append("</details></td></tr>");
        }
        h.append("</table></section>");
    }

    private static void preprocessing(StringBuilder h, ComparisonReport r) {
        var p = r.preprocessing();
        h.append("<section id=\"preprocessing\"><h2>Preprocessing and feature selection</h2><p>Fitted on the")
                .append(" training split only. Linear model and neural network: ")
                .append(p.scaled().width())
                .append(" columns (median imputation, missing indicators, standard scaling, one-hot with an")
                .append(" all-zero unknown-category path). Trees: ")
                .append(p.trees().width())
                .append(" columns (raw numbers, missing passed to the trees, one-hot).</p>");
        h.append("<p>Excluded (not model inputs, e.g. protected attributes): ")
                .append(p.excluded().isEmpty() ? "none" : esc(String.join(", ", p.excluded())))
                .append("</p><table><tr><th class=\"l\">Dropped feature</th><th class=\"l\">Why</th></tr>");
        if (p.dropped().isEmpty()) {
            h.append("<tr><td class=\"l\" colspan=\"2\">none</td></tr>");
        }
        for (DroppedFeature d : p.dropped()) {
            h.append("<tr><td class=\"l\">")
                    .append(esc(d.feature()))
                    .append("</td><td class=\"l\">")
                    .append(esc(d.reason()))
                    .append("</td></tr>");
        }
        h.append("</table></section>");
    }

    private static void lineage(StringBuilder h, ComparisonReport r) {
        var s = r.split();
        h.append("<section id=\"lineage\"><h2>Data lineage</h2><table>");
        row(h, "Portfolio", r.portfolio());
        row(h, "Schema version", Integer.toString(r.schemaVersion()));
        row(h, "Labelled rows read", Integer.toString(r.datasetRows()));
        row(h, "Defaults", r.datasetDefaults() + " (" + fmt(r.datasetDefaults() / (double) r.datasetRows()) + ")");
        row(h, "Training set SHA-256", r.datasetSha256());
        row(h, "Split", s.kind() + ": " + s.note());
        row(
                h,
                "Train / validation / test rows",
                s.train().size() + " / " + s.validation().size() + " / "
                        + s.test().size());
        r.versions().forEach((k, v) -> row(h, "Version of " + k, v));
        h.append("</table></section>");
    }

    private static void timings(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"timings\"><h2>Timings</h2><table><tr><th class=\"l\">Step</th><th>ms</th></tr>");
        r.timingsMs()
                .forEach((k, v) -> h.append("<tr><td class=\"l\">")
                        .append(esc(k))
                        .append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.0f", v))
                        .append("</td></tr>"));
        h.append("</table>");
        for (var m : r.models()) {
            h.append("<p>")
                    .append(m.algorithm())
                    .append(": ")
                    .append(esc(m.details().toString()))
                    .append("</p>");
        }
        h.append("</section>");
    }

    private static void params(StringBuilder h, ComparisonReport r) {
        h.append("<section id=\"params\"><h2>Parameters</h2><table>");
        r.params().forEach((k, v) -> row(h, k, v));
        h.append("</table></section>");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th class=\"l\">")
                .append(esc(k))
                .append("</th><td class=\"l\">")
                .append(esc(v))
                .append("</td></tr>");
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, double scale) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(title))
                .append("\"><rect x=\"0\" y=\"0\" width=\"")
                .append(W)
                .append("\" height=\"")
                .append(H)
                .append("\" fill=\"white\"/>")
                .append("<text x=\"")
                .append(W / 2)
                .append("\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">")
                .append(esc(title))
                .append("</text>");
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                PAD,
                25,
                W - PAD - 10,
                H - PAD - 25));
        for (int t = 0; t <= 4; t++) {
            double v = t / 4.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>",
                    x(v),
                    H - PAD + 14,
                    v * scale));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>",
                    PAD - 4,
                    y(v) + 4,
                    v * scale));
        }
        s.append("<text x=\"")
                .append((W + PAD) / 2)
                .append("\" y=\"")
                .append(H - 8)
                .append("\" text-anchor=\"middle\">")
                .append(esc(xLabel))
                .append("</text>");
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                (H - PAD + 25) / 2,
                (H - PAD + 25) / 2,
                esc(yLabel)));
        return s;
    }

    /** A legend entry inside the plot: top-left corner, or bottom-right when {@code bottomRight}. */
    private static void legend(StringBuilder s, int i, int count, String text, String colour, boolean bottomRight) {
        int x = bottomRight ? W - 225 : PAD + 8;
        int yy = bottomRight ? H - PAD - 8 - 15 * (count - 1 - i) : 40 + 15 * i;
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                x,
                yy - 4,
                colour,
                x + 17,
                yy,
                esc(text)));
    }

    private static String polyline(List<double[]> points, String colour) {
        StringBuilder s = new StringBuilder("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"")
                .append(colour)
                .append("\" points=\"");
        for (double[] p : points) {
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0]), y(p[1])));
        }
        return s.append("\"/>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"%s\"/>",
                x(x1),
                y(y1),
                x(x2),
                y(y2),
                colour,
                dash);
    }

    private static double x(double v) {
        return PAD + v * (W - PAD - 10);
    }

    private static double y(double v) {
        return H - PAD - v * (H - PAD - 25);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
