package io.creditscoring.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"";
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;";

    @Test
    void lineChartMapsTheUnitSquareOntoThePlotFrame() {
        SvgCharts.LineChart chart = SvgCharts.lineChart("ROC", "fpr", "tpr")
                .diagonal()
                .series(new SvgCharts.Series(
                        "model", "#1f77b4", List.of(new SvgCharts.Point(0, 0), new SvgCharts.Point(1, 1)), true))
                .build();

        // frame: x from 45 to 440 - 18, y from 320 - 45 (value 0) up to 25 (value 1)
        assertThat(chart.frame()).isEqualTo(new SvgCharts.Box("45", "25", "377", "250"));
        assertThat(chart.lines()).containsExactly(new SvgCharts.Polyline("#1f77b4", "45.0,275.0 422.0,25.0"));
        assertThat(chart.dots()).hasSize(2);
        assertThat(chart.guides())
                .containsExactly(new SvgCharts.Segment("45.0", "275.0", "422.0", "25.0", "#bbb", "4,3"));
        assertThat(chart.xTicks())
                .extracting(SvgCharts.Label::text)
                .containsExactly("0.00", "0.25", "0.50", "0.75", "1.00");
        assertThat(chart.legend()).extracting(SvgCharts.LegendEntry::text).containsExactly("model");
    }

    @Test
    void scaleChangesOnlyTheTickLabelsAndAMarkerJoinsTheLegend() {
        SvgCharts.LineChart chart = SvgCharts.lineChart("Calibration", "predicted", "observed")
                .scale(0.4)
                .marker(0.5, 0.2, 0.6, "KS 0.4000", "#555")
                .legend(SvgCharts.Legend.BOTTOM_RIGHT)
                .build();

        assertThat(chart.yTicks())
                .extracting(SvgCharts.Label::text)
                .containsExactly("0.00", "0.10", "0.20", "0.30", "0.40");
        assertThat(chart.guides())
                .containsExactly(new SvgCharts.Segment("233.5", "225.0", "233.5", "125.0", "#555", "3,2"));
        assertThat(chart.legend())
                .containsExactly(new SvgCharts.LegendEntry("215", "263", "232", "267", "#555", "KS 0.4000"));
    }

    @Test
    void barsAreScaledToTheLongestAndPairsToTheTallest() {
        SvgCharts.BarChart bars = SvgCharts.bars(
                "XGBOOST", "gain", "#d62728", List.of(new SvgCharts.Bar("PAY_0", 2.0), new SvgCharts.Bar("AGE", 0.5)));
        assertThat(bars.height()).isEqualTo(40 + 2 * 16);
        assertThat(bars.rows()).extracting(SvgCharts.BarRow::barWidth).containsExactly("240.0", "60.0");
        assertThat(bars.rows()).extracting(SvgCharts.BarRow::value).containsExactly("2.0000", "0.5000");

        SvgCharts.PairedBars pairs = SvgCharts.pairs(
                200, 50, List.of("low", "high"), List.of(0.5, 0.5), "#5c6bc0", List.of(0.25, 0.75), "#ef6c00");
        assertThat(pairs.bars()).extracting(SvgCharts.Rect::height).containsExactly("33.3", "16.7", "33.3", "50.0");
        assertThat(pairs.bars()).extracting(SvgCharts.Rect::tooltip).startsWith("low: 50.0%", "low: 25.0%");
        assertThat(pairs.firstLabel()).isEqualTo("low");
        assertThat(pairs.lastLabel()).isEqualTo("high");
        assertThat(SvgCharts.pairs(200, 50, List.of("a"), List.of(0.0), "#000", List.of(0.0), "#fff"))
                .isNull();
    }

    @Test
    void everyLabelIsEscapedWhenRendered() {
        String html = HtmlReports.render(
                "charts-test-page",
                Map.of(
                        "title",
                        HOSTILE,
                        "line",
                        SvgCharts.lineChart(HOSTILE, HOSTILE, HOSTILE)
                                .series(new SvgCharts.Series(
                                        HOSTILE, "#000", List.of(new SvgCharts.Point(0.5, 0.5)), false))
                                .build(),
                        "bars",
                        SvgCharts.bars(HOSTILE, HOSTILE, "#000", List.of(new SvgCharts.Bar(HOSTILE, 1))),
                        "pairs",
                        SvgCharts.pairs(100, 20, List.of(HOSTILE), List.of(1.0), "#000", List.of(0.5), "#fff")));

        assertThat(html).doesNotContain("<script", "alert('x')").contains("<svg", "<polyline", "<rect");
        // page title; line: aria-label, title, x and y label, legend; bars: aria-label, title, subtitle, label and
        // tooltip; pairs: aria-label (first and last label), two tooltips, first and last label
        assertThat(Pattern.compile(Pattern.quote(ESCAPED)).matcher(html).results())
                .hasSize(17);
    }

    @Test
    void numbersPrintTheSameOnEveryServer() {
        ReportNumbers fmt = ReportNumbers.INSTANCE;

        assertThat(fmt.metric(0.78312)).isEqualTo("0.7831");
        assertThat(fmt.metric(21806.4)).isEqualTo("21806");
        assertThat(fmt.metric(Double.NaN)).isEqualTo("n/a");
        assertThat(fmt.significant(712600.0)).isEqualTo("7.126e+05");
        assertThat(fmt.significant(null)).isEqualTo("\u2013");
        assertThat(fmt.percent(0.1304)).isEqualTo("13.0%");
        assertThat(fmt.wholePercent(0.5)).isEqualTo("50%");
        assertThat(fmt.scientific("5.7512e-6")).isEqualTo("5.75e-06");
        assertThat(fmt.scientific("n/a yet")).isEqualTo("n/a yet");
        assertThat(fmt.share(1, 3)).isEqualTo("0.3333");
    }
}
