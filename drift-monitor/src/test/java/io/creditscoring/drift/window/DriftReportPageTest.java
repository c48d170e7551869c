package io.creditscoring.drift.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.drift.challenger.ChampionChallengerComparison;
import io.creditscoring.drift.stats.ApprovalParity;
import io.creditscoring.drift.stats.Histogram;
import io.creditscoring.drift.stats.ScoreStability;
import io.creditscoring.model.events.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's verdict says what the API says, and its colour follows the worst of it. */
class DriftReportPageTest {

    /** The template puts the verdict's list items on lines of their own. */
    private static final Pattern VERDICT = Pattern.compile("<div class=\"verdict (\\w+)\">(.*?)</div>", Pattern.DOTALL);

    @Test
    void aRetrainForScorePsiAloneIsHeadedAsARetrainBecauseOfScorePsiInRed() throws IOException {
        DriftResult window = window(
                false,
                3,
                1.58,
                "SHIFT",
                true,
                "requested: score PSI 1.5800 >= 0.25 (command 5f0c6a1e-8d6b-3c3e-9a43-6a2e3f1d2b7c)");

        String html = DriftReportPage.render(window);
        keep("score-psi-retrain", html);

        Matcher verdict = verdict(html);
        assertThat(verdict.group(1)).isEqualTo("red");
        assertThat(verdict.group(2))
                .startsWith("<p class=\"headline\">Retrain requested: yes, because of score PSI 1.5800 &gt;= 0.25</p>")
                .contains("Dataset drift: <strong>no</strong>. Drift is detected for 13.0% of columns (3 out of 23)")
                .contains("Retrain decision: requested: score PSI 1.5800 &gt;= 0.25 (command 5f0c6a1e-")
                .contains("Score drift: score PSI <strong>1.580</strong>, band <strong>SHIFT</strong>");
        assertThat(html).doesNotContain("No dataset drift");
        assertThat(html.indexOf("Retrain requested")).isLessThan(html.indexOf("<h2>Features"));
    }

    @Test
    void aCalmWindowStaysGreen() throws IOException {
        DriftResult window = window(false, 0, 0.012, "STABLE", false, "no retrain needed");

        String html = DriftReportPage.render(window);
        keep("calm", html);

        Matcher verdict = verdict(html);
        assertThat(verdict.group(1)).isEqualTo("green");
        assertThat(verdict.group(2))
                .startsWith("<p class=\"headline\">Retrain requested: no</p>")
                .contains("Retrain decision: no retrain needed")
                .contains("Dataset drift: <strong>no</strong>. Drift is detected for 0.0% of columns (0 out of 23)")
                .contains("band <strong>STABLE</strong>");
    }

    @Test
    void aModeratePsiOrAFewDriftedFeaturesAreAmber() {
        assertThat(verdict(DriftReportPage.render(window(false, 0, 0.14, "WATCH", false, "no retrain needed")))
                        .group(1))
                .isEqualTo("amber");
        assertThat(verdict(DriftReportPage.render(window(false, 2, 0.02, "STABLE", false, "no retrain needed")))
                        .group(1))
                .isEqualTo("amber");
    }

    @Test
    void datasetDriftHeldBackByTheCooldownIsStillRedAndSaysWhyNoRetrain() {
        Matcher verdict = verdict(DriftReportPage.render(window(
                true,
                14,
                0.08,
                "STABLE",
                false,
                "suppressed by the cooldown until 2026-12-01T10:00:00Z (dataset drift: 14 of 23 features drifted"
                        + " (share 0.61 >= 0.50))")));

        assertThat(verdict.group(1)).isEqualTo("red");
        assertThat(verdict.group(2))
                .contains("Retrain requested: no</p>")
                .contains("Retrain decision: suppressed by the cooldown until 2026-12-01T10:00:00Z")
                .contains("Dataset drift: <strong>yes</strong>");
    }

    @Test
    void featureNamesLabelsAndReasonsAreEscaped() {
        String hostile = "<script>alert('x')</script>\"";
        DriftResult calm = window(false, 0, 0.01, "STABLE", false, "no retrain needed");
        List<DriftResult.FeatureResult> features = new ArrayList<>(calm.features());
        features.set(
                0,
                new DriftResult.FeatureResult(
                        hostile,
                        "CATEGORICAL",
                        "chisquare",
                        1.0,
                        0.5,
                        0.05,
                        false,
                        0.0,
                        800,
                        5000,
                        new Histogram(List.of(hostile, "b"), List.of(0.5, 0.5), List.of(0.4, 0.6))));
        DriftResult window = new DriftResult(
                7,
                "taiwan-cards",
                3,
                WindowTrigger.ON_DEMAND,
                calm.firstReceivedAt(),
                calm.lastReceivedAt(),
                calm.evaluatedAt(),
                21_000,
                5_000,
                false,
                0,
                0.5,
                0,
                features,
                0.01,
                "STABLE",
                List.of(new ScoreStability.Bin(hostile, 0.1, 0.4, 0.01)),
                List.of(new ApprovalParity(
                        hostile, List.of(new ApprovalParity.Group(hostile, 100, 50, 0.5, 1.0, false)))),
                null,
                false,
                "no retrain: " + hostile);

        String html = DriftReportPage.render(window);

        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;";
        assertThat(html).doesNotContain("<script", "alert('x')").contains("Retrain decision: no retrain: " + escaped);
        // the decision; the feature cell, its histogram's two tooltips, first label and accessible name; the PSI bin,
        // its chart's two tooltips, first and last label and accessible name (which names both); the fairness heading
        // and group
        assertThat(Pattern.compile(Pattern.quote(escaped)).matcher(html).results())
                .hasSize(15);
    }

    @Test
    void theChampionChallengerSectionShowsTheComparisonAndEscapesApplicationIds() throws IOException {
        String hostile = "<script>alert('x')</script>\"";
        DriftResult calm = window(false, 0, 0.01, "STABLE", false, "no retrain needed");
        ChampionChallengerComparison comparison = new ChampionChallengerComparison(
                "taiwan-cards",
                3,
                4,
                7L,
                4_800,
                1_250,
                270,
                true,
                null,
                new ChampionChallengerComparison.ModelResults(3, 0.7712, 0.4121, 0.1391, 0.0312, 0.58),
                new ChampionChallengerComparison.ModelResults(4, 0.7893, 0.4402, 0.1344, 0.0148, 0.61),
                new ChampionChallengerComparison.AucDifference(0.0181, 0.0061, 2.967, 0.003007),
                new ChampionChallengerComparison.DecisionDifferences(
                        96,
                        0.0768,
                        List.of(new ChampionChallengerComparison.DifferingDecision(
                                hostile, Decision.APPROVE, Decision.REFER, true))),
                Instant.parse("2026-11-30T12:00:00Z"));

        String html = DriftReportPage.render(calm, comparison);
        keep("champion-challenger", html);

        assertThat(html)
                .contains("<h2>Champion vs challenger (shadow scoring)</h2>")
                .contains("1250 of 4800 shadow-scored applications")
                .contains("<td>Champion</td>\n    <td>3</td>\n    <td>0.7712</td>")
                .contains("<td>Challenger</td>\n    <td>4</td>\n    <td>0.7893</td>")
                .contains("<td>0.0148</td>\n    <td>61.0%</td>")
                .contains("<strong>0.0181</strong>", "DeLong z\n  2.967", "<strong>0.003007</strong>")
                .contains("Decisions differ on 96 of 1250 applications\n  (7.7%)")
                .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;</td>")
                .doesNotContain("<script", "alert('x')");
        assertThat(DriftReportPage.render(calm))
                .contains("No challenger scored this window's applications in the shadow.");
        ChampionChallengerComparison few = new ChampionChallengerComparison(
                "taiwan-cards",
                3,
                4,
                7L,
                400,
                60,
                10,
                false,
                "60 matured applications; the comparison needs 200",
                null,
                null,
                null,
                null,
                Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(DriftReportPage.render(calm, few))
                .contains("Not compared yet: 60 matured applications; the comparison needs 200.")
                .doesNotContain("AUC difference");
    }

    private static Matcher verdict(String html) {
        Matcher m = VERDICT.matcher(html);
        assertThat(m.find()).as("a verdict block in %s", html).isTrue();
        return m;
    }

    /** A window of 23 features, the first {@code drifted} of them drifted. */
    private static DriftResult window(
            boolean datasetDrift, int drifted, double psi, String band, boolean retrain, String decision) {
        List<DriftResult.FeatureResult> features = new ArrayList<>();
        Histogram histogram = new Histogram(List.of("low", "high"), List.of(0.5, 0.5), List.of(0.4, 0.6));
        for (int i = 0; i < 23; i++) {
            boolean d = i < drifted;
            features.add(new DriftResult.FeatureResult(
                    "F" + i, "NUMERIC", "wasserstein", d ? 0.3 : 0.01, null, 0.1, d, 0.02, 800, 5000, histogram));
        }
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        return new DriftResult(
                7,
                "taiwan-cards",
                3,
                WindowTrigger.ON_DEMAND,
                at,
                at.plusSeconds(60),
                at.plusSeconds(61),
                21_000,
                5_000,
                datasetDrift,
                drifted / 23.0,
                0.5,
                drifted,
                features,
                psi,
                band,
                List.of(new ScoreStability.Bin("[0, 0.1)", 0.1, 0.4, psi)),
                List.of(),
                null,
                retrain,
                decision);
    }

    /** For a human look: target/reports/drift-verdict-NAME.html. */
    private static void keep(String name, String html) throws IOException {
        Files.createDirectories(Path.of("target", "reports"));
        Files.writeString(Path.of("target", "reports", "drift-verdict-" + name + ".html"), html);
    }
}
