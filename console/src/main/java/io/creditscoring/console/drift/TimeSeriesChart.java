package io.creditscoring.console.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A line chart of one value over drift windows, oldest on the left, as inline-SVG geometry: this class computes
 * coordinates (each written with one decimal) and the text of ticks; the markup is the fragment
 * {@code drift-charts :: chart}, so that every label goes through Thymeleaf's escaping. No script draws anything.
 */
final class TimeSeriesChart {

    static final int WIDTH = 560;
    static final int HEIGHT = 240;
    static final int LEFT = 52;
    static final int RIGHT = 16;
    static final int TOP = 14;
    static final int BOTTOM = 40;
    static final String LINE = "#1f4e79";
    static final String ALERT = "#b42318";

    /** A tick label at (x, y). */
    record Tick(String x, String y, String text) {}

    /** A straight line, solid or dashed, with an optional label above one of its ends. */
    record Rule(
            String x1,
            String y1,
            String x2,
            String y2,
            String colour,
            String dash,
            String label,
            String labelX,
            String labelY,
            String labelAnchor) {}

    /** A point of the series; red when its window is flagged, with its value as a tooltip. */
    record Dot(String cx, String cy, String colour, String title) {}

    /**
     * @param id the element id (tests and links find the chart by it)
     * @param title what is drawn, also the SVG's accessible name
     * @param description a sentence for screen readers: windows covered and the latest value
     * @param points the polyline's points ("x,y x,y ...") of the windows that have a value
     */
    record Chart(
            String id,
            String title,
            String description,
            int width,
            int height,
            List<Tick> xTicks,
            List<Tick> yTicks,
            List<Rule> grid,
            List<Rule> guides,
            String points,
            List<Dot> dots,
            String xLabel,
            String plotRight,
            String plotBottom) {}

    /** A dashed horizontal line at a value (a threshold, a band edge). */
    record Guide(double value, String label, String colour) {}

    private TimeSeriesChart() {}

    /**
     * @param labels the x labels (window ids), oldest first
     * @param values one value per label, null where the window has none
     * @param flagged which points to draw red (a drifted window)
     * @param min the y axis' lower end; the upper end is the largest value or guide, rounded up, at least {@code max}
     */
    static Chart of(
            String id,
            String title,
            String valueName,
            List<String> labels,
            List<Double> values,
            IntPredicate flagged,
            List<Guide> guides,
            double min,
            double max,
            int decimals) {
        double top = max;
        for (Double v : values) {
            if (v != null && Double.isFinite(v)) {
                top = Math.max(top, v);
            }
        }
        for (Guide g : guides) {
            top = Math.max(top, g.value());
        }
        top = niceCeiling(top, min);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        int n = labels.size();
        double bottomValue = min;
        double topValue = top;
        java.util.function.DoubleUnaryOperator y = v ->
                TOP + plotHeight * (1 - (clamp(v, bottomValue, topValue) - bottomValue) / (topValue - bottomValue));
        java.util.function.IntToDoubleFunction x = i -> LEFT + plotWidth * (i + 0.5) / Math.max(n, 1);

        List<Tick> yTicks = new ArrayList<>();
        List<Rule> grid = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double v = min + (top - min) * t / 4;
            double py = y.applyAsDouble(v);
            yTicks.add(new Tick(d(LEFT - 6), d(py + 4), format(v, decimals)));
            grid.add(new Rule(d(LEFT), d(py), d(WIDTH - RIGHT), d(py), "#e6e9ed", "none", null, null, null, null));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(n / 10.0));
        for (int i = 0; i < n; i++) {
            if (i % every == 0 || i == n - 1) {
                xTicks.add(new Tick(d(x.applyAsDouble(i)), d(HEIGHT - BOTTOM + 16), labels.get(i)));
            }
        }
        List<Rule> guideRules = new ArrayList<>();
        // labels alternate between the right and the left end, so that close guides do not overprint each other
        for (int k = 0; k < guides.size(); k++) {
            Guide g = guides.get(k);
            double py = y.applyAsDouble(g.value());
            boolean right = k % 2 == 0;
            guideRules.add(new Rule(
                    d(LEFT),
                    d(py),
                    d(WIDTH - RIGHT),
                    d(py),
                    g.colour(),
                    "5,4",
                    g.label(),
                    d(right ? WIDTH - RIGHT : LEFT + 4),
                    d(py - 4),
                    right ? "end" : "start"));
        }
        StringBuilder points = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        Double latest = null;
        int shown = 0;
        for (int i = 0; i < n; i++) {
            Double v = values.get(i);
            if (v == null || !Double.isFinite(v)) {
                continue;
            }
            shown++;
            latest = v;
            String px = d(x.applyAsDouble(i));
            String py = d(y.applyAsDouble(v));
            points.append(px).append(',').append(py).append(' ');
            dots.add(new Dot(
                    px,
                    py,
                    flagged.test(i) ? ALERT : LINE,
                    "window " + labels.get(i) + ": " + valueName + " " + format(v, decimals)));
        }
        String description = n == 0
                ? "No window yet."
                : shown + " of " + n + " windows (" + labels.getFirst() + " to " + labels.getLast() + ") have a "
                        + valueName + (latest == null ? "." : "; the latest is " + format(latest, decimals) + ".");
        return new Chart(
                id,
                title,
                description,
                WIDTH,
                HEIGHT,
                xTicks,
                yTicks,
                grid,
                guideRules,
                points.toString().strip(),
                dots,
                "window",
                d(WIDTH - RIGHT),
                d(HEIGHT - BOTTOM));
    }

    /** The smallest of 1, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten (above min) at least the value: quarters stay round. */
    static double niceCeiling(double value, double min) {
        double span = value - min;
        if (!(span > 0)) {
            return min + 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(span)));
        for (double step : new double[] {1, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= span - 1e-12) {
                return min + step * power;
            }
        }
        return min + 10 * power;
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }

    private static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String d(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
