package io.creditscoring.console.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.console.drift.TimeSeriesChart.Chart;
import io.creditscoring.console.drift.TimeSeriesChart.Guide;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesChartTest {

    @Test
    void pointsSpreadOverThePlotWithTheAxisTopAtTheLargestValueRoundedUp() {
        // plot: x from 52 to 544 (492 wide), y from 14 (top) to 200 (bottom, 186 high); axis 0 to 0.4
        Chart chart = TimeSeriesChart.of(
                "c", "PSI", "PSI", List.of("7", "8"), List.of(0.1, 0.4), i -> i == 1, List.of(), 0, 0.3, 3);

        assertThat(chart.points()).isEqualTo("175.0,153.5 421.0,14.0");
        assertThat(chart.yTicks())
                .extracting(TimeSeriesChart.Tick::text)
                .containsExactly("0.000", "0.100", "0.200", "0.300", "0.400");
        assertThat(chart.dots())
                .extracting(TimeSeriesChart.Dot::colour)
                .containsExactly(TimeSeriesChart.LINE, TimeSeriesChart.ALERT);
        assertThat(chart.dots().get(1).title()).isEqualTo("window 8: PSI 0.400");
        assertThat(chart.description()).isEqualTo("2 of 2 windows (7 to 8) have a PSI; the latest is 0.400.");
    }

    @Test
    void windowsWithoutAValueAreLeftOutAndGuidesAreDrawnAtTheirValue() {
        Chart chart = TimeSeriesChart.of(
                "c",
                "AUC",
                "AUC",
                List.of("1", "2", "3"),
                Arrays.asList(null, 0.75, null),
                i -> false,
                List.of(new Guide(0.8, "model", "#57606a")),
                0.5,
                1,
                3);

        assertThat(chart.dots()).hasSize(1);
        // 0.75 is half-way up an axis from 0.5 to 1
        assertThat(chart.dots().getFirst().cy()).isEqualTo("107.0");
        assertThat(chart.guides().getFirst().y1()).isEqualTo("88.4");
        assertThat(chart.description()).contains("1 of 3 windows").contains("latest is 0.750");
    }

    @Test
    void axisEndsAreRoundNumbers() {
        assertThat(TimeSeriesChart.niceCeiling(0.37, 0)).isCloseTo(0.4, within(1e-9));
        assertThat(TimeSeriesChart.niceCeiling(0.12, 0)).isCloseTo(0.2, within(1e-9));
        assertThat(TimeSeriesChart.niceCeiling(1, 0)).isCloseTo(1, within(1e-9));
        assertThat(TimeSeriesChart.niceCeiling(0.9, 0.5)).isCloseTo(0.9, within(1e-9));
        assertThat(TimeSeriesChart.niceCeiling(0, 0)).isCloseTo(1, within(1e-9));
    }
}
