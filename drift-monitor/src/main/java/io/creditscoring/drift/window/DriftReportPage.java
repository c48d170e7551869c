package io.creditscoring.drift.window;

import io.creditscoring.drift.challenger.ChampionChallengerComparison;
import io.creditscoring.drift.stats.Histogram;
import io.creditscoring.drift.stats.ScoreStability;
import io.creditscoring.reports.HtmlReports;
import io.creditscoring.reports.SvgCharts;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A window's self-contained HTML report (template {@code reports/drift-report.html}: inline CSS and SVG, no scripts
 * or external resources): the verdict first, coloured by severity (retrain requested and why, dataset drift with
 * "Drift is detected for X% of columns" as Evidently words it, score PSI and its band), then the feature table with
 * each test, statistic and threshold, reference-vs-current histograms, the score PSI table with its distribution,
 * fairness, matured-outcome performance, and the champion against its challenger on the window's matured applications
 * (shadow scoring).
 */
final class DriftReportPage {

    private static final String REFERENCE_COLOUR = "#5c6bc0";
    private static final String CURRENT_COLOUR = "#ef6c00";

    private DriftReportPage() {}

    static String render(DriftResult r) {
        return render(r, null);
    }

    /**
     * @param championChallenger the window's champion against the challenger that shadow scored its applications,
     *     null when none did
     */
    static String render(DriftResult r, ChampionChallengerComparison championChallenger) {
        Map<String, Object> page = new HashMap<>();
        page.put("r", r);
        page.put("cc", championChallenger);
        page.put("verdict", Verdict.of(r));
        page.put(
                "features",
                r.features().stream()
                        .map(f -> new FeatureRow(f, histogram(f.histogram(), 260, 60)))
                        .toList());
        page.put(
                "scoreChart",
                histogram(
                        new Histogram(
                                r.psiTable().stream()
                                        .map(ScoreStability.Bin::label)
                                        .toList(),
                                r.psiTable().stream()
                                        .map(ScoreStability.Bin::referenceShare)
                                        .toList(),
                                r.psiTable().stream()
                                        .map(ScoreStability.Bin::currentShare)
                                        .toList()),
                        400,
                        120));
        page.put("referenceColour", REFERENCE_COLOUR);
        page.put("currentColour", CURRENT_COLOUR);
        return HtmlReports.render("drift-report", page);
    }

    /** A feature's row: its result and its histogram (null when there is nothing to draw); public for the template. */
    public record FeatureRow(DriftResult.FeatureResult result, SvgCharts.PairedBars histogram) {}

    /**
     * The verdict first, in the words of the API's fields: whether a retrain was requested and why (the headline
     * names the reasons of a request; the decision in full, with command id or cooldown, follows below), coloured by
     * {@link Severity}.
     */
    public record Verdict(String colour, String retrain, String decision) {

        static Verdict of(DriftResult r) {
            String decision = r.retrainDecision() == null ? "" : r.retrainDecision();
            String retrain = r.retrainRequested() ? "yes" : "no";
            if (r.retrainRequested() && decision.startsWith(RetrainPolicy.REQUESTED)) {
                String why = decision.substring(RetrainPolicy.REQUESTED.length());
                int command = why.lastIndexOf(" (command ");
                retrain = "yes, because of " + (command < 0 ? why : why.substring(0, command));
            }
            return new Verdict(Severity.of(r).name().toLowerCase(Locale.ROOT), retrain, decision);
        }
    }

    /** How bad a window looks, for the verdict's colour. */
    enum Severity {
        /** A retrain was requested, the dataset drifted, or the score PSI is in the SHIFT band. */
        RED,
        /** Some features drifted, or the score PSI is in the WATCH band. */
        AMBER,
        /** Nothing drifted. */
        GREEN;

        static Severity of(DriftResult r) {
            if (r.retrainRequested() || r.datasetDrift() || "SHIFT".equals(r.scorePsiBand())) {
                return RED;
            }
            if (r.driftedFeatures() > 0 || "WATCH".equals(r.scorePsiBand())) {
                return AMBER;
            }
            return GREEN;
        }
    }

    private static SvgCharts.PairedBars histogram(Histogram h, int width, int height) {
        return SvgCharts.pairs(width, height, h.labels(), h.reference(), REFERENCE_COLOUR, h.current(), CURRENT_COLOUR);
    }
}
