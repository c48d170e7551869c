package io.creditscoring.training.report;

import io.creditscoring.metrics.CalibrationError;
import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.reports.HtmlReports;
import io.creditscoring.reports.ReportNumbers;
import io.creditscoring.reports.SvgCharts;
import io.creditscoring.training.evaluation.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ComparisonReport} as one self-contained HTML page (template
 * {@code reports/comparison-report.html}): inline CSS and inline SVG charts, no script, no external resource, so that
 * it can be archived and opened anywhere. This class only prepares what the page shows: one view per model with its
 * colour and charts, and the charts comparing the models.
 */
public final class ComparisonReportWriter {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final String NON_DEFAULTS = "#2ca02c";
    private static final String DEFAULTS = "#d62728";
    /** The KS gap: neutral, since a model's own colour can be the defaults' red. */
    private static final String KS_GAP = "#555";
    /** The reliability diagram's series before calibration. */
    private static final String UNCALIBRATED = "#999";
    /** Points per curve: plenty for a 440-pixel chart, and the page stays small. */
    private static final int CURVE_POINTS = 200;

    private static final int TOP_FEATURES = 15;

    private ComparisonReportWriter() {}

    public static String write(ComparisonReport r) {
        List<ModelView> models = new ArrayList<>();
        for (int i = 0; i < r.models().size(); i++) {
            ComparisonReport.ModelSection m = r.models().get(i);
            String colour = COLOURS[i % COLOURS.length];
            models.add(new ModelView(
                    m,
                    colour,
                    m.algorithm() == r.selected(),
                    Convergence.of(m.details()),
                    ksChart(m, r.testLabels()),
                    reliabilityChart(m, r.testLabels(), r.calibrationBins(), colour),
                    importanceChart(m, colour)));
        }
        return HtmlReports.render(
                "comparison-report",
                Map.of(
                        "r", r,
                        "generatedAt", Instant.now(),
                        "models", models,
                        "rocChart", rocChart(models),
                        "calibrationChart", calibrationChart(models)));
    }

    /**
     * One model's part of the page; public for the template.
     *
     * @param convergence null when the fit records none (only logistic regression does)
     */
    public record ModelView(
            ComparisonReport.ModelSection section,
            String colour,
            boolean selected,
            Convergence convergence,
            SvgCharts.LineChart ksChart,
            SvgCharts.LineChart reliabilityChart,
            SvgCharts.BarChart importanceChart) {}

    /** Whether an iterative fit that records it (logistic regression) converged within its budget. */
    public record Convergence(
            boolean converged, String iterations, String maxIterations, String gradientNorm, String tolerance) {

        static Convergence of(Map<String, String> details) {
            if (!details.containsKey("converged")) {
                return null;
            }
            return new Convergence(
                    Boolean.parseBoolean(details.get("converged")),
                    details.get("iterations"),
                    details.get("maxIterations"),
                    details.get("gradientNorm"),
                    details.get("tolerance"));
        }
    }

    private static SvgCharts.LineChart rocChart(List<ModelView> models) {
        SvgCharts.LineChartBuilder chart = SvgCharts.lineChart("ROC", "false positive rate", "true positive rate")
                .diagonal()
                .legend(SvgCharts.Legend.BOTTOM_RIGHT);
        for (ModelView m : models) {
            chart.series(new SvgCharts.Series(
                    m.section().algorithm() + " AUC "
                            + metric(m.section().metrics().auc()),
                    m.colour(),
                    m.section().metrics().roc().stream()
                            .map(p -> new SvgCharts.Point(p.falsePositiveRate(), p.truePositiveRate()))
                            .toList(),
                    false));
        }
        return chart.build();
    }

    /** Cumulative shares of non-defaults and defaults by rising probability, and the KS between them. */
    private static SvgCharts.LineChart ksChart(ComparisonReport.ModelSection m, int[] labels) {
        ProbabilityMetrics.KsCurve curve =
                ProbabilityMetrics.of(m.testProbabilities(), labels).ksCurve(CURVE_POINTS);
        ProbabilityMetrics.KsPoint widest = curve.widest();
        return SvgCharts.lineChart(
                        "KS \u2013 " + m.algorithm(), "share of applications (by rising PD)", "cumulative share")
                .series(new SvgCharts.Series(
                        "non-defaults",
                        NON_DEFAULTS,
                        curve.points().stream()
                                .map(p -> new SvgCharts.Point(p.population(), p.nonDefaults()))
                                .toList(),
                        false))
                .series(new SvgCharts.Series(
                        "defaults",
                        DEFAULTS,
                        curve.points().stream()
                                .map(p -> new SvgCharts.Point(p.population(), p.defaults()))
                                .toList(),
                        false))
                .marker(
                        widest.population(),
                        widest.defaults(),
                        widest.nonDefaults(),
                        "KS " + metric(m.metrics().ks()),
                        KS_GAP)
                .build();
    }

    /**
     * The reliability diagram of one model on the test rows: mean predicted probability against observed default
     * rate in each equal-width bin with rows, before calibration (grey) and after (the model's colour), axes scaled to
     * the largest of them.
     */
    private static SvgCharts.LineChart reliabilityChart(
            ComparisonReport.ModelSection m, int[] labels, int bins, String colour) {
        List<CalibrationError.Bin> before =
                filled(CalibrationError.of(m.uncalibratedTestProbabilities(), labels, bins));
        List<CalibrationError.Bin> after = filled(CalibrationError.of(m.testProbabilities(), labels, bins));
        double max = 0;
        for (CalibrationError.Bin b : before) {
            max = Math.max(max, Math.max(b.meanPredicted(), b.observedRate()));
        }
        for (CalibrationError.Bin b : after) {
            max = Math.max(max, Math.max(b.meanPredicted(), b.observedRate()));
        }
        double scale = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
        SvgCharts.LineChartBuilder chart = SvgCharts.lineChart(
                        "Reliability \u2013 " + m.algorithm(), "mean predicted PD", "observed default rate")
                .scale(scale)
                .diagonal();
        chart.series(new SvgCharts.Series(
                "before calibration, ECE " + metric(m.eceUncalibrated()), UNCALIBRATED, points(before, scale), true));
        if (m.calibrated()) {
            chart.series(new SvgCharts.Series(
                    "after calibration, ECE " + metric(m.ece()), colour, points(after, scale), true));
        }
        return chart.build();
    }

    private static List<CalibrationError.Bin> filled(CalibrationError error) {
        return error.bins().stream().filter(b -> b.rows() > 0).toList();
    }

    private static List<SvgCharts.Point> points(List<CalibrationError.Bin> bins, double scale) {
        return bins.stream()
                .map(b -> new SvgCharts.Point(b.meanPredicted() / scale, b.observedRate() / scale))
                .toList();
    }

    /** Mean predicted probability against observed default rate per decile, axes scaled to the largest of them. */
    private static SvgCharts.LineChart calibrationChart(List<ModelView> models) {
        double max = 0;
        for (ModelView m : models) {
            for (Metrics.CalibrationBin b : m.section().metrics().calibration()) {
                max = Math.max(max, Math.max(b.meanPredicted(), b.observedRate()));
            }
        }
        double scale = max <= 0 ? 1 : Math.min(1, Math.ceil(max * 10) / 10);
        SvgCharts.LineChartBuilder chart = SvgCharts.lineChart(
                        "Calibration", "mean predicted PD", "observed default rate")
                .scale(scale)
                .diagonal();
        for (ModelView m : models) {
            chart.series(new SvgCharts.Series(
                    m.section().algorithm().toString(),
                    m.colour(),
                    m.section().metrics().calibration().stream()
                            .map(b -> new SvgCharts.Point(b.meanPredicted() / scale, b.observedRate() / scale))
                            .toList(),
                    true));
        }
        return chart.build();
    }

    private static SvgCharts.BarChart importanceChart(ComparisonReport.ModelSection m, String colour) {
        List<SvgCharts.Bar> top = m.featureImportance().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(TOP_FEATURES)
                .map(e -> new SvgCharts.Bar(e.getKey(), e.getValue()))
                .toList();
        return SvgCharts.bars(m.algorithm().toString(), m.importanceKind(), colour, top);
    }

    private static String metric(double value) {
        return ReportNumbers.INSTANCE.metric(value);
    }
}
