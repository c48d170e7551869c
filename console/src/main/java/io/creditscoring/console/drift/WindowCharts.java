package io.creditscoring.console.drift;

import io.creditscoring.console.drift.TimeSeriesChart.Chart;
import io.creditscoring.console.drift.TimeSeriesChart.Guide;
import java.util.List;
import java.util.Map;

/**
 * The drift page's charts, from the windows as drift-monitor lists them (oldest first here): drift share against
 * its threshold, score PSI against the WATCH and SHIFT bands, AUC on matured outcomes against the model's test AUC;
 * and one feature's test result against its threshold.
 *
 * @param auc null when no window has enough matured outcomes yet
 */
record WindowCharts(Chart driftShare, Chart scorePsi, Chart auc) {

    /** PSI bands of docs/drift.md: below 0.1 stable, up to 0.25 watch, above shift. */
    static final double PSI_WATCH = 0.1;

    static final double PSI_SHIFT = 0.25;

    static WindowCharts of(List<Map<String, Object>> windows) {
        List<String> labels =
                windows.stream().map(w -> String.valueOf(w.get("windowId"))).toList();
        List<Guide> shareGuide = windows.isEmpty()
                ? List.of()
                : List.of(new Guide(
                        number(windows.getLast().get("driftShareThreshold")), "threshold", TimeSeriesChart.ALERT));
        Chart share = TimeSeriesChart.of(
                "chart-drift-share",
                "Drift share (drifted features / tested)",
                "drift share",
                labels,
                windows.stream().map(w -> number(w.get("driftShare"))).toList(),
                i -> Boolean.TRUE.equals(windows.get(i).get("datasetDrift")),
                shareGuide,
                0,
                1,
                2);
        Chart psi = TimeSeriesChart.of(
                "chart-score-psi",
                "Score PSI (predicted probability)",
                "score PSI",
                labels,
                windows.stream().map(w -> number(w.get("scorePsi"))).toList(),
                i -> number(windows.get(i).get("scorePsi")) >= PSI_SHIFT,
                List.of(new Guide(PSI_WATCH, "watch", "#9a6700"), new Guide(PSI_SHIFT, "shift", TimeSeriesChart.ALERT)),
                0,
                0.3,
                3);
        List<Double> aucs = windows.stream().map(w -> performance(w, "auc")).toList();
        Chart auc = null;
        if (aucs.stream().anyMatch(a -> a != null)) {
            Double modelAuc = null;
            for (Map<String, Object> w : windows) {
                Double m = performance(w, "modelAuc");
                modelAuc = m == null ? modelAuc : m;
            }
            auc = TimeSeriesChart.of(
                    "chart-auc",
                    "AUC on matured outcomes",
                    "AUC",
                    labels,
                    aucs,
                    i -> windows.get(i).get("performance") instanceof Map<?, ?> p
                            && Boolean.TRUE.equals(p.get("degraded")),
                    modelAuc == null ? List.of() : List.of(new Guide(modelAuc, "model's test AUC", "#57606a")),
                    0.5,
                    1,
                    3);
        }
        return new WindowCharts(share, psi, auc);
    }

    /** A feature's p-value (tests with one) or distance over the windows, against the threshold of the latest. */
    static Chart feature(String feature, List<Map<String, Object>> history, boolean pValues) {
        String value = pValues ? "pValue" : "statistic";
        String name = pValues ? "p-value" : "distance";
        return TimeSeriesChart.of(
                "chart-feature",
                feature + ": " + history.getLast().get("test") + " " + name + " by window",
                name,
                history.stream().map(p -> String.valueOf(p.get("windowId"))).toList(),
                history.stream().map(p -> nullableNumber(p.get(value))).toList(),
                i -> Boolean.TRUE.equals(history.get(i).get("drifted")),
                List.of(new Guide(number(history.getLast().get("threshold")), "threshold", TimeSeriesChart.ALERT)),
                0,
                pValues ? 1 : 0.1,
                pValues ? 3 : 4);
    }

    private static Double performance(Map<String, Object> window, String field) {
        return window.get("performance") instanceof Map<?, ?> p ? nullableNumber(p.get(field)) : null;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Double nullableNumber(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
