package io.creditscoring.console.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonChartsTest {

    private static Map<String, Object> model(String algorithm, boolean selected, double auc, double ks) {
        return Map.of(
                "algorithm", algorithm,
                "selected", selected,
                "metrics", Map.of("auc", auc, "ks", ks),
                "roc",
                        List.of(
                                Map.of("falsePositiveRate", 0.0, "truePositiveRate", 0.0),
                                Map.of("falsePositiveRate", 0.25, "truePositiveRate", 0.75),
                                Map.of("falsePositiveRate", 1.0, "truePositiveRate", 1.0)),
                "ks",
                        Map.of(
                                "points",
                                List.of(
                                        Map.of("population", 0.0, "defaults", 0.0, "nonDefaults", 0.0),
                                        Map.of("population", 0.5, "defaults", 0.25, "nonDefaults", 0.75),
                                        Map.of("population", 1.0, "defaults", 1.0, "nonDefaults", 1.0)),
                                "widest",
                                Map.of("population", 0.5, "defaults", 0.25, "nonDefaults", 0.75)));
    }

    @Test
    void drawsTheSelectedModelOfEachRunScaledToThePlotArea() {
        Map<String, Object> first = Map.of(
                "runId",
                "aaaaaaaa-0000-0000-0000-000000000001",
                "models",
                List.of(model("XGBOOST", false, 0.9, 0.6), model("LOGISTIC_REGRESSION", true, 0.8, 0.5)));
        Map<String, Object> second = Map.of(
                "runId",
                "bbbbbbbb-0000-0000-0000-000000000002",
                "models",
                List.of(model("NEURAL_NETWORK", false, 0.7, 0.4)));

        ComparisonCharts.Charts charts = ComparisonCharts.of(List.of(first, second));

        assertThat(charts.missing()).isEmpty();
        assertThat(charts.roc().lines())
                .extracting(CurveChart.Line::label)
                .containsExactly(
                        "aaaaaaaa · LOGISTIC_REGRESSION (AUC 0.8000)", "bbbbbbbb · NEURAL_NETWORK (AUC 0.7000)");
        // plot area: x from 52 to 312, y from 272 (share 0) up to 12 (share 1)
        assertThat(charts.roc().lines().getFirst().points()).isEqualTo("52.0,272.0 117.0,77.0 312.0,12.0");
        // the KS chart draws the gap between the cumulative shares: 0, 0.5, 0
        assertThat(charts.ks().lines().getFirst().points()).isEqualTo("52.0,272.0 182.0,142.0 312.0,272.0");
        assertThat(charts.ks().lines().getFirst().marker())
                .isEqualTo(new CurveChart.Marker("182.0", "142.0", "KS 0.5000 at 50.0% of applications"));
        assertThat(charts.roc().lines()).extracting(CurveChart.Line::color).doesNotHaveDuplicates();
        assertThat(charts.roc().diagonal()).isTrue();
        assertThat(charts.ks().diagonal()).isFalse();
    }

    @Test
    void aRunWithoutStoredCurvesIsListedNotDrawn() {
        Map<String, Object> old = Map.of(
                "runId",
                "cccccccc-0000-0000-0000-000000000003",
                "models",
                List.of(Map.of("algorithm", "XGBOOST", "selected", true, "metrics", Map.of())));
        Map<String, Object> failed = Map.of("runId", "dddddddd-0000-0000-0000-000000000004", "models", List.of());

        ComparisonCharts.Charts charts = ComparisonCharts.of(List.of(old, failed));

        assertThat(charts.roc().lines()).isEmpty();
        assertThat(charts.missing()).containsExactly("cccccccc · XGBOOST", "dddddddd · no model");
    }
}
