package io.creditscoring.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reports' one chart helper: lays out line charts (ROC, KS, calibration), horizontal bars (feature importance)
 * and paired bars (reference vs current distributions) as inline-SVG geometry. It only computes coordinates, each
 * already written with one decimal; the markup is in the fragments of {@code reports/charts.html} ({@code line},
 * {@code bars}, {@code pairs}), so that every label goes through Thymeleaf's escaping.
 */
public final class SvgCharts {

    /** Line charts: 440 x 320 with the plot area inset for the axes. */
    private static final int WIDTH = 440;

    private static final int HEIGHT = 320;
    private static final int LEFT = 45;
    private static final int TOP = 25;
    private static final int RIGHT = 18;
    private static final int BOTTOM = 45;
    private static final int TICKS = 4;

    private SvgCharts() {}

    /** A data point in the chart's unit square: both coordinates between 0 and 1 (of the axis' scale). */
    public record Point(double x, double y) {}

    /** One polyline; with {@code dots}, each point is also drawn as a circle. */
    public record Series(String label, String colour, List<Point> points, boolean dots) {}

    /** Where a line chart's legend sits inside the plot. */
    public enum Legend {
        TOP_LEFT,
        BOTTOM_RIGHT
    }

    /** Starts a line chart whose axes run from 0 to 1. */
    public static LineChartBuilder lineChart(String title, String xLabel, String yLabel) {
        return new LineChartBuilder(title, xLabel, yLabel);
    }

    /**
     * Horizontal bars, longest first as given, each labelled on the left and valued on the right.
     *
     * @param values label and value of each bar (values at least 0)
     */
    public static BarChart bars(String title, String subtitle, String colour, List<Bar> values) {
        int rowHeight = 16;
        double max = values.stream().mapToDouble(Bar::value).max().orElse(1);
        max = Math.max(max, 1e-12);
        List<BarRow> rows = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            Bar bar = values.get(k);
            double length = (WIDTH - 200) * bar.value() / max;
            int top = 36 + k * rowHeight;
            rows.add(new BarRow(
                    bar.label(),
                    ReportNumbers.INSTANCE.metric(bar.value()),
                    Integer.toString(top + 11),
                    Integer.toString(top + 1),
                    d(length),
                    d(160 + length)));
        }
        return new BarChart(WIDTH, 40 + rowHeight * values.size(), title, subtitle, colour, rows);
    }

    /**
     * Two bars per bin side by side (reference and current shares of a distribution), scaled to the tallest, with the
     * first and last bin labels under the axis and each bar's bin and share as its tooltip.
     *
     * @param labels bin labels
     * @param first the first distribution's share per bin
     * @param second the second distribution's share per bin
     * @return null when there is nothing to draw (no bins, or every share 0)
     */
    public static PairedBars pairs(
            int width,
            int height,
            List<String> labels,
            List<Double> first,
            String firstColour,
            List<Double> second,
            String secondColour) {
        int bins = labels.size();
        double max = 0;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, Math.max(first.get(k), second.get(k)));
        }
        if (bins == 0 || max == 0) {
            return null;
        }
        double slot = (double) width / bins;
        List<Rect> bars = new ArrayList<>();
        for (int k = 0; k < bins; k++) {
            bars.add(pairBar(
                    k * slot, slot / 2, first.get(k) / max * height, height, firstColour, labels.get(k), first.get(k)));
            bars.add(pairBar(
                    k * slot + slot / 2,
                    slot / 2,
                    second.get(k) / max * height,
                    height,
                    secondColour,
                    labels.get(k),
                    second.get(k)));
        }
        return new PairedBars(width, height + 12, height + 11, bars, labels.getFirst(), labels.getLast());
    }

    private static Rect pairBar(double x, double w, double h, int height, String colour, String label, double share) {
        return new Rect(
                d(x),
                d(height - h),
                d(Math.max(w - 0.5, 0.5)),
                d(h),
                colour,
                label + ": " + ReportNumbers.INSTANCE.percent(share));
    }

    /** Builds a {@link LineChart}. */
    public static final class LineChartBuilder {

        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<Series> series = new ArrayList<>();
        private final List<Segment> guides = new ArrayList<>();
        private final List<LegendItem> legendItems = new ArrayList<>();
        private double scale = 1;
        private Legend corner = Legend.TOP_LEFT;

        private LineChartBuilder(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** What 1 on both axes stands for (tick labels only; points are given in units of it). */
        public LineChartBuilder scale(double scale) {
            this.scale = scale;
            return this;
        }

        /** The dashed grey diagonal from (0, 0) to (1, 1): chance (ROC) or perfect calibration. */
        public LineChartBuilder diagonal() {
            guides.add(segment(0, 0, 1, 1, "#bbb", "4,3"));
            return this;
        }

        /** A series, listed in the legend under its label. */
        public LineChartBuilder series(Series s) {
            series.add(s);
            legendItems.add(new LegendItem(s.label(), s.colour()));
            return this;
        }

        /** A dashed vertical line at {@code x} from {@code y1} to {@code y2} (the KS gap), listed in the legend. */
        public LineChartBuilder marker(double x, double y1, double y2, String label, String colour) {
            guides.add(segment(x, y1, x, y2, colour, "3,2"));
            legendItems.add(new LegendItem(label, colour));
            return this;
        }

        public LineChartBuilder legend(Legend corner) {
            this.corner = corner;
            return this;
        }

        public LineChart build() {
            List<Label> xTicks = new ArrayList<>();
            List<Label> yTicks = new ArrayList<>();
            List<Segment> grid = new ArrayList<>();
            for (int t = 0; t <= TICKS; t++) {
                double v = t / (double) TICKS;
                String text = String.format(Locale.ROOT, "%.2f", v * scale);
                xTicks.add(new Label(d(x(v)), Integer.toString(HEIGHT - BOTTOM + 14), text));
                yTicks.add(new Label(Integer.toString(LEFT - 4), d(y(v) + 4), text));
                if (t > 0 && t < TICKS) {
                    grid.add(segment(v, 0, v, 1, "#eee", "none"));
                    grid.add(segment(0, v, 1, v, "#eee", "none"));
                }
            }
            List<Polyline> lines = new ArrayList<>();
            List<Dot> dots = new ArrayList<>();
            for (Series s : series) {
                StringBuilder points = new StringBuilder();
                for (Point p : s.points()) {
                    points.append(d(x(p.x()))).append(',').append(d(y(p.y()))).append(' ');
                    if (s.dots()) {
                        dots.add(new Dot(d(x(p.x())), d(y(p.y())), s.colour()));
                    }
                }
                lines.add(new Polyline(s.colour(), points.toString().strip()));
            }
            List<LegendEntry> legend = new ArrayList<>();
            int count = legendItems.size();
            for (int i = 0; i < count; i++) {
                int left = corner == Legend.BOTTOM_RIGHT ? WIDTH - 225 : LEFT + 8;
                int base = corner == Legend.BOTTOM_RIGHT ? HEIGHT - BOTTOM - 8 - 15 * (count - 1 - i) : 40 + 15 * i;
                LegendItem item = legendItems.get(i);
                legend.add(new LegendEntry(
                        Integer.toString(left),
                        Integer.toString(base - 4),
                        Integer.toString(left + 17),
                        Integer.toString(base),
                        item.colour(),
                        item.label()));
            }
            return new LineChart(
                    WIDTH,
                    HEIGHT,
                    title,
                    new Box(
                            Integer.toString(LEFT),
                            Integer.toString(TOP),
                            Integer.toString(WIDTH - LEFT - RIGHT),
                            Integer.toString(HEIGHT - BOTTOM - TOP)),
                    grid,
                    xTicks,
                    yTicks,
                    new Label(Integer.toString((WIDTH + LEFT) / 2), Integer.toString(HEIGHT - 8), xLabel),
                    new Label("12", Integer.toString((HEIGHT - BOTTOM + TOP) / 2), yLabel),
                    List.copyOf(guides),
                    lines,
                    dots,
                    legend);
        }

        private static Segment segment(double x1, double y1, double x2, double y2, String colour, String dash) {
            return new Segment(d(x(x1)), d(y(y1)), d(x(x2)), d(y(y2)), colour, dash);
        }

        private static double x(double v) {
            return LEFT + v * (WIDTH - LEFT - RIGHT);
        }

        private static double y(double v) {
            return HEIGHT - BOTTOM - v * (HEIGHT - BOTTOM - TOP);
        }

        private record LegendItem(String label, String colour) {}
    }

    private static String d(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A horizontal bar's input. */
    public record Bar(String label, double value) {}

    /** A laid-out line chart, drawn by the fragment {@code charts :: line(chart)}. */
    public record LineChart(
            int width,
            int height,
            String title,
            Box frame,
            List<Segment> grid,
            List<Label> xTicks,
            List<Label> yTicks,
            Label xLabel,
            Label yLabel,
            List<Segment> guides,
            List<Polyline> lines,
            List<Dot> dots,
            List<LegendEntry> legend) {}

    /** Laid-out horizontal bars, drawn by {@code charts :: bars(chart)}. */
    public record BarChart(int width, int height, String title, String subtitle, String colour, List<BarRow> rows) {}

    /** Laid-out paired bars, drawn by {@code charts :: pairs(chart)}. */
    public record PairedBars(
            int width, int height, int labelBaseline, List<Rect> bars, String firstLabel, String lastLabel) {}

    public record Box(String x, String y, String width, String height) {}

    public record Label(String x, String y, String text) {}

    public record Segment(String x1, String y1, String x2, String y2, String colour, String dash) {}

    public record Polyline(String colour, String points) {}

    public record Dot(String cx, String cy, String colour) {}

    public record LegendEntry(String swatchX, String swatchY, String textX, String textY, String colour, String text) {}

    public record BarRow(String label, String value, String textY, String barY, String barWidth, String valueX) {}

    public record Rect(String x, String y, String width, String height, String colour, String tooltip) {}
}
