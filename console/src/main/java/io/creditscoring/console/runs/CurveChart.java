package io.creditscoring.console.runs;

import java.util.List;
import java.util.Locale;

/**
 * A line chart of curves on the unit square, drawn by the page as inline SVG (no script, no third-party library):
 * this record holds the curves already scaled to the chart's pixels, so the template only places them.
 *
 * @param id the SVG element's id
 * @param title what the chart shows (the SVG's accessible name)
 * @param xLabel what the horizontal axis measures
 * @param yLabel what the vertical axis measures
 * @param diagonal whether to draw the chance line from (0, 0) to (1, 1)
 */
public record CurveChart(String id, String title, String xLabel, String yLabel, boolean diagonal, List<Line> lines) {

    /** The chart's pixel size and the plot area inside it (room for the axes' labels on the left and below). */
    static final int WIDTH = 360;

    static final int HEIGHT = 330;
    static final int LEFT = 52;
    static final int TOP = 12;
    static final int PLOT = 260;

    /** Tick positions, as shares. */
    static final List<Double> TICKS = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    /**
     * One curve.
     *
     * @param label the legend's text
     * @param color stroke colour (an SVG presentation attribute, which the console's CSP allows, unlike inline style)
     * @param dash stroke-dasharray, so that curves differ by more than colour
     * @param points the polyline's points in pixels, "x,y x,y ..."
     * @param marker a point to mark on the curve (the KS's widest gap), or null
     */
    public record Line(String label, String color, String dash, String points, Marker marker) {}

    /** A marked point, in pixels, with its tooltip. */
    public record Marker(String x, String y, String text) {}

    /** The horizontal pixel of a share. */
    static String x(double share) {
        return pixel(LEFT + clamp(share) * PLOT);
    }

    /** The vertical pixel of a share (0 at the bottom). */
    static String y(double share) {
        return pixel(TOP + (1 - clamp(share)) * PLOT);
    }

    static String point(double x, double y) {
        return x(x) + "," + y(y);
    }

    // what the template places: the canvas, the plot area's edges, the ticks and their pixels

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int top() {
        return TOP;
    }

    public int plot() {
        return PLOT;
    }

    public int bottom() {
        return TOP + PLOT;
    }

    public int right() {
        return LEFT + PLOT;
    }

    public List<Double> ticks() {
        return TICKS;
    }

    public String tickLabel(double share) {
        return String.format(Locale.ROOT, "%.2f", share);
    }

    public String xAt(double share) {
        return x(share);
    }

    public String yAt(double share) {
        return y(share);
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    private static String pixel(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
