package io.creditscoring.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.preprocess.DroppedFeature;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.InformationValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page from a small hand-made run; the real Taiwan run's page is checked in TrainingOnBundledDataTest. */
class ComparisonReportWriterTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"";
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;";

    private static final int[] LABELS = {0, 0, 1, 1, 0, 1, 0, 0};
    private static final double[] PROBABILITIES = {0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.15};
    private static final double[] CALIBRATED = {0.12, 0.38, 0.36, 0.75, 0.22, 0.85, 0.31, 0.17};

    @Test
    void featureNamesReasonsAndDetailsAreEscapedEverywhere() {
        String html = ComparisonReportWriter.write(report(HOSTILE));

        assertThat(html).doesNotContain("<script", "alert('x')");
        // importance bar label and its tooltip, IV feature and bin label, excluded list, dropped feature and reason,
        // the fit details, a parameter's name and value, a trial's values
        assertThat(Pattern.compile(Pattern.quote(ESCAPED)).matcher(html).results())
                .hasSize(11);
    }

    @Test
    void rendersEverySectionWithTheModelsMetrics() {
        String html = ComparisonReportWriter.write(report("PAY_0"));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "id=\"summary\"",
                        "id=\"metrics\"",
                        "id=\"trials\"",
                        "id=\"roc\"",
                        "id=\"ks\"",
                        "id=\"calibration\"",
                        "id=\"reliability\"",
                        "id=\"confusion\"",
                        "id=\"importance\"",
                        "id=\"iv\"",
                        "id=\"preprocessing\"",
                        "id=\"lineage\"",
                        "id=\"timings\"",
                        "id=\"params\"")
                .contains("Selected model: <strong>LOGISTIC_REGRESSION</strong>")
                .contains("LOGISTIC_REGRESSION converged in 12 of at most 200 L-BFGS iterations: gradient norm"
                        + " 3.14e-07 below the tolerance 1.00e-05.")
                .contains("<tr class=\"sel\">")
                .contains("by 2-fold cross-validation", "less\n    1.0 standard error(s), that is at least 0.7787")
                .contains("<td>1 (best)</td>", "0.7800, 0.8000", "0.7912", "0.0125")
                .contains("The search stopped early: time budget of 1 s spent after 2 of 8 trials.")
                .contains("Reliability \u2013 LOGISTIC_REGRESSION", "before calibration, ECE 0.1987")
                .contains("after calibration, ECE 0.0521", "<td>0.1987</td>", "<td>0.0521</td>")
                .contains("Platt scaling on 8 out-of-fold predictions: slope 0.9, intercept 0.1")
                .contains("outcomes observed from 2025-12-01T00:00:00Z to 2026-12-01T00:00:00Z")
                .doesNotContain("https://", "http://cdn");
    }

    @Test
    void marksATrialWhoseFoldsRanToTheIterationCap() {
        String withCap = ComparisonReportWriter.write(report("PAY_0", Algorithm.XGBOOST, true));
        String without = ComparisonReportWriter.write(report("PAY_0", Algorithm.XGBOOST, false));

        assertThat(withCap)
                .contains("<td>600<strong title=\"a fold ran to the cap without stopping early\"> (cap)</strong></td>")
                .contains("id=\"iteration-cap-XGBOOST\"", "raise xgboost.maxRounds or the learning")
                .containsOnlyOnce("> (cap)</strong>");
        assertThat(without).doesNotContain("(cap)", "iteration-cap");
    }

    private static ComparisonReport report(String name) {
        return report(name, Algorithm.LOGISTIC_REGRESSION, null);
    }

    /** @param secondTrialCapped whether the second trial ran to the iteration cap (null: no iterations) */
    private static ComparisonReport report(String name, Algorithm algorithm, Boolean secondTrialCapped) {
        var metrics = Metrics.evaluate(LABELS, PROBABILITIES, 0.5);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("converged", "true");
        details.put("iterations", "12");
        details.put("maxIterations", "200");
        details.put("gradientNorm", "3.14159e-7");
        details.put("tolerance", "1e-5");
        details.put("note", name);
        details.put("calibration", "Platt scaling on 8 out-of-fold predictions: slope 0.9, intercept 0.1");
        var section = new ComparisonReport.ModelSection(
                algorithm,
                metrics,
                0.8,
                0.0125,
                CALIBRATED,
                PROBABILITIES,
                0.0521,
                0.1987,
                true,
                Map.of(name, 0.9, "LIMIT_BAL", 0.3),
                "|coefficient| on standardised inputs",
                details,
                List.of(
                        new ComparisonReport.TrialRow(
                                1,
                                "the run's settings",
                                0.7912,
                                0.0125,
                                new double[] {0.78, 0.80},
                                secondTrialCapped == null ? 0 : 135,
                                secondTrialCapped == null ? null : false,
                                1.5,
                                true),
                        new ComparisonReport.TrialRow(
                                2,
                                name,
                                0.7734,
                                0.0101,
                                new double[] {0.76, 0.79},
                                secondTrialCapped == null ? 0 : 600,
                                secondTrialCapped,
                                1.25,
                                false)),
                "time budget of 1 s spent after 2 of 8 trials");
        var preprocessing = new FittedPreprocessing(
                new Preprocessing(List.of(NumericInput.raw("LIMIT_BAL"))),
                new Preprocessing(List.of(NumericInput.raw("LIMIT_BAL"))),
                List.of(new DroppedFeature(name, "near-constant: " + name)),
                List.of(name));
        var iv = new InformationValue(
                name,
                0.42,
                List.of(new InformationValue.Bin(name, 5, 2, 0.1), new InformationValue.Bin("missing", 3, 1, -0.2)));
        return new ComparisonReport(
                UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"),
                "taiwan-cards",
                2,
                "ab".repeat(32),
                8,
                3,
                "outcomes observed from 2025-12-01T00:00:00Z to 2026-12-01T00:00:00Z",
                new ComparisonReport.Split("STRATIFIED", "seeded shuffle", 6, 2, 6),
                LABELS,
                preprocessing,
                List.of(iv),
                List.of(section),
                algorithm,
                new ComparisonReport.SelectionRule(2, 1.0, algorithm, 0.7787),
                10,
                Map.of(name, name),
                Map.of("smile", "3.1.1"),
                Map.of("read", 12.4));
    }
}
