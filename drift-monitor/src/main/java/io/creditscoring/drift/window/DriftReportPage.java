package io.creditscoring.drift.window;

import io.creditscoring.drift.stats.ApprovalParity;
import io.creditscoring.drift.stats.Histogram;
import io.creditscoring.drift.stats.ScoreStability;
import java.util.Locale;

/**
 * A window's self-contained HTML report (inline CSS and SVG, no scripts or external resources): the verdict first,
 * coloured by severity (retrain requested and why, dataset drift with "Drift is detected for X% of columns" as
 * Evidently words it, score PSI and its band), then the feature table with each test,
 * statistic and threshold, reference-vs-current histograms, the score PSI table, fairness and matured-outcome
 * performance.
 */
final class DriftReportPage {

    private DriftReportPage() {}

    static String render(DriftResult r) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report ")
                .append(esc(r.portfolio()))
                .append(" window ")
                .append(r.windowId())
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:left;font-size:14px}th{background:#f4f4f4}.drift{color:#b00020;font-weight:600}")
                .append(".ok{color:#1b5e20}.verdict{padding:.6em 1em;border-radius:6px;border-left:8px solid}")
                .append(".verdict .headline{font-size:1.4em;font-weight:600;margin:0 0 .3em}.verdict ul{margin:0}")
                .append(".verdict.red{background:#fdecea;border-color:#b00020}.verdict.red .headline{color:#b00020}")
                .append(
                        ".verdict.amber{background:#fff4e5;border-color:#e65100}.verdict.amber .headline{color:#a84300}")
                .append(
                        ".verdict.green{background:#edf7ed;border-color:#1b5e20}.verdict.green .headline{color:#1b5e20}")
                .append("svg{display:block}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px}")
                .append("</style></head><body>");
        html.append("<h1>Drift report: ")
                .append(esc(r.portfolio()))
                .append(", model version ")
                .append(r.modelVersion())
                .append(", window ")
                .append(r.windowId())
                .append("</h1>");
        verdict(html, r);
        html.append("<p>Reference rows: ")
                .append(r.referenceRows())
                .append(". Current rows: ")
                .append(r.currentRows())
                .append(". Window closed by ")
                .append(r.trigger())
                .append("; events received ")
                .append(r.firstReceivedAt())
                .append(" to ")
                .append(r.lastReceivedAt())
                .append("; evaluated ")
                .append(r.evaluatedAt())
                .append(".</p>");

        html.append("<h2>Features</h2><p class=\"legend\"><span style=\"background:#5c6bc0\"></span>reference")
                .append("<span style=\"background:#ef6c00\"></span>current</p>");
        html.append("<table><tr><th>Feature</th><th>Type</th><th>Test</th><th>Statistic</th><th>p-value</th>")
                .append("<th>Threshold</th><th>Drift</th><th>CSI</th><th>Reference vs current</th></tr>");
        for (DriftResult.FeatureResult f : r.features()) {
            html.append("<tr><td>")
                    .append(esc(f.name()))
                    .append("</td><td>")
                    .append(f.kind().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(esc(f.test()))
                    .append("</td><td>")
                    .append(f.statistic() == null ? "inf" : num(f.statistic()))
                    .append("</td><td>")
                    .append(f.pValue() == null ? "&ndash;" : num(f.pValue()))
                    .append("</td><td>")
                    .append(num(f.threshold()))
                    .append("</td><td class=\"")
                    .append(f.drifted() ? "drift\">Detected" : "ok\">Not detected")
                    .append("</td><td>")
                    .append(num(f.csi()))
                    .append("</td><td>")
                    .append(svg(f.histogram()))
                    .append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Score stability (PSI of the probability of default)</h2><table>")
                .append("<tr><th>Bin (frozen on the reference)</th><th>Reference</th><th>Current</th>")
                .append("<th>Contribution</th></tr>");
        for (ScoreStability.Bin bin : r.psiTable()) {
            html.append("<tr><td>")
                    .append(esc(bin.label()))
                    .append("</td><td>")
                    .append(pct(bin.referenceShare()))
                    .append("</td><td>")
                    .append(pct(bin.currentShare()))
                    .append("</td><td>")
                    .append(num(bin.contribution()))
                    .append("</td></tr>");
        }
        html.append("<tr><th>PSI</th><th colspan=\"3\">")
                .append(num(r.scorePsi()))
                .append(" &ndash; ")
                .append(esc(r.scorePsiBand()))
                .append(" (stable &lt; 0.1, watch 0.1&ndash;0.25, shift &ge; 0.25)</th></tr></table>");

        html.append("<h2>Fairness: approval rate by protected attribute</h2>");
        if (r.fairness().isEmpty()) {
            html.append("<p>The schema declares no protected attribute.</p>");
        }
        for (ApprovalParity parity : r.fairness()) {
            html.append("<h3>")
                    .append(esc(parity.attribute()))
                    .append("</h3><table><tr><th>Group</th><th>Rows</th><th>Approved</th><th>Approval rate</th>")
                    .append("<th>Adverse impact ratio</th><th>Flag (&lt; 0.8)</th></tr>");
            for (ApprovalParity.Group g : parity.groups()) {
                html.append("<tr><td>")
                        .append(esc(g.label()))
                        .append("</td><td>")
                        .append(g.rows())
                        .append("</td><td>")
                        .append(g.approved())
                        .append("</td><td>")
                        .append(pct(g.approvalRate()))
                        .append("</td><td>")
                        .append(num(g.adverseImpactRatio()))
                        .append("</td><td class=\"")
                        .append(g.flagged() ? "drift\">Flagged" : "ok\">&ndash;")
                        .append("</td></tr>");
            }
            html.append("</table>");
        }

        html.append("<h2>Performance on matured outcomes</h2>");
        WindowPerformance p = r.performance();
        if (p == null) {
            html.append("<p>Not enough outcomes have matured for this window yet.</p>");
        } else {
            html.append("<table><tr><th>Matured rows</th><th>Defaults</th><th>AUC</th><th>KS</th>")
                    .append("<th>Model test AUC</th><th>AUC drop</th><th>Degraded</th></tr><tr><td>")
                    .append(p.maturedRows())
                    .append("</td><td>")
                    .append(p.defaults())
                    .append("</td><td>")
                    .append(num(p.auc()))
                    .append("</td><td>")
                    .append(num(p.ks()))
                    .append("</td><td>")
                    .append(p.modelAuc() == null ? "&ndash;" : num(p.modelAuc()))
                    .append("</td><td>")
                    .append(p.aucDrop() == null ? "&ndash;" : num(p.aucDrop()))
                    .append("</td><td class=\"")
                    .append(p.degraded() ? "drift\">Yes" : "ok\">No")
                    .append("</td></tr></table>");
        }
        html.append("</body></html>");
        return html.toString();
    }

    /** How bad a window looks, for the verdict's colour. */
    enum Severity {
        /** A retrain was requested, the dataset drifted, or the score PSI is in the SHIFT band. */
        RED,
        /** Some features drifted, or the score PSI is in the WATCH band. */
        AMBER,
        /** Nothing drifted. */
        GREEN;

        static Severity of(DriftResult r) {
            if (r.retrainRequested() || r.datasetDrift() || "SHIFT".equals(r.scorePsiBand())) {
                return RED;
            }
            if (r.driftedFeatures() > 0 || "WATCH".equals(r.scorePsiBand())) {
                return AMBER;
            }
            return GREEN;
        }
    }

    /**
     * The verdict first, in the words of the API's fields: whether a retrain was requested and why, then dataset
     * drift with its drift share, then score drift with its PSI band; coloured by {@link Severity}.
     */
    private static void verdict(StringBuilder html, DriftResult r) {
        String decision = r.retrainDecision() == null ? "" : r.retrainDecision();
        // the headline names the reasons of a request; the decision in full (command id, cooldown) follows below
        String retrain = r.retrainRequested() ? "yes" : "no";
        if (r.retrainRequested() && decision.startsWith(RetrainPolicy.REQUESTED)) {
            String why = decision.substring(RetrainPolicy.REQUESTED.length());
            int command = why.lastIndexOf(" (command ");
            retrain = "yes, because of " + (command < 0 ? why : why.substring(0, command));
        }
        html.append("<div class=\"verdict ")
                .append(Severity.of(r).name().toLowerCase(Locale.ROOT))
                .append("\"><p class=\"headline\">Retrain requested: ")
                .append(esc(retrain))
                .append("</p><ul><li>Dataset drift: <strong>")
                .append(r.datasetDrift() ? "yes" : "no")
                .append(String.format(
                        Locale.ROOT,
                        "</strong>. Drift is detected for %.1f%% of columns (%d out of %d); dataset drift from a"
                                + " drift share of %.0f%%.",
                        r.driftShare() * 100,
                        r.driftedFeatures(),
                        r.features().size(),
                        r.driftShareThreshold() * 100))
                .append("</li><li>Score drift: score PSI <strong>")
                .append(num(r.scorePsi()))
                .append("</strong>, band <strong>")
                .append(esc(r.scorePsiBand()))
                .append("</strong> (STABLE &lt; 0.1, WATCH 0.1&ndash;0.25, SHIFT &ge; 0.25).</li>")
                .append("<li>Retrain decision: ")
                .append(esc(decision))
                .append("</li></ul></div>");
    }

    private static String svg(Histogram h) {
        int bars = h.labels().size();
        int width = 260;
        int height = 60;
        double max = 0;
        for (int k = 0; k < bars; k++) {
            max = Math.max(max, Math.max(h.reference().get(k), h.current().get(k)));
        }
        if (bars == 0 || max == 0) {
            return "";
        }
        double slot = (double) width / bars;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height + 12)
                .append("\" role=\"img\">");
        for (int k = 0; k < bars; k++) {
            bar(
                    svg,
                    k * slot,
                    slot / 2,
                    h.reference().get(k) / max * height,
                    height,
                    "#5c6bc0",
                    h.labels().get(k),
                    h.reference().get(k));
            bar(
                    svg,
                    k * slot + slot / 2,
                    slot / 2,
                    h.current().get(k) / max * height,
                    height,
                    "#ef6c00",
                    h.labels().get(k),
                    h.current().get(k));
        }
        svg.append("<text x=\"0\" y=\"")
                .append(height + 11)
                .append("\" font-size=\"9\">")
                .append(esc(h.labels().getFirst()))
                .append("</text><text x=\"")
                .append(width)
                .append("\" y=\"")
                .append(height + 11)
                .append("\" font-size=\"9\" text-anchor=\"end\">")
                .append(esc(h.labels().getLast()))
                .append("</text></svg>");
        return svg.toString();
    }

    private static void bar(
            StringBuilder svg, double x, double w, double h, int height, String colour, String label, double share) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                x,
                height - h,
                Math.max(w - 0.5, 0.5),
                h,
                colour,
                esc(label),
                pct(share)));
    }

    private static String num(double value) {
        if (Double.isNaN(value)) {
            return "&ndash;";
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
