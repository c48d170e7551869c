package io.creditscoring.console.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowChartsTest {

    private static Map<String, Object> window(long id, double share, boolean drift, Map<String, Object> performance) {
        Map<String, Object> w = new HashMap<>();
        w.put("windowId", id);
        w.put("driftShare", share);
        w.put("driftShareThreshold", 0.5);
        w.put("datasetDrift", drift);
        w.put("scorePsi", 0.02);
        w.put("performance", performance);
        return w;
    }

    @Test
    void aucIsChartedOnlyOnceAWindowHasMaturedOutcomesAgainstTheModelsTestAuc() {
        WindowCharts none = WindowCharts.of(List.of(window(1, 0.1, false, null)));
        assertThat(none.auc()).isNull();
        assertThat(none.driftShare().guides())
                .extracting(TimeSeriesChart.Rule::label)
                .containsExactly("threshold");
        assertThat(none.scorePsi().guides())
                .extracting(TimeSeriesChart.Rule::label)
                .containsExactly("watch", "shift");
        assertThat(none.scorePsi().guides())
                .as("the two bands' labels sit at opposite ends, so that they never overprint")
                .extracting(TimeSeriesChart.Rule::labelAnchor)
                .containsExactly("end", "start");

        WindowCharts some = WindowCharts.of(List.of(
                window(1, 0.1, false, null),
                window(2, 0.6, true, Map.of("auc", 0.7, "modelAuc", 0.78, "degraded", true))));
        assertThat(some.auc().dots())
                .singleElement()
                .satisfies(d -> assertThat(d.title()).contains("window 2"));
        assertThat(some.auc().guides()).extracting(TimeSeriesChart.Rule::label).containsExactly("model's test AUC");
        assertThat(some.driftShare().dots())
                .extracting(TimeSeriesChart.Dot::colour)
                .containsExactly(TimeSeriesChart.LINE, TimeSeriesChart.ALERT);
    }
}
