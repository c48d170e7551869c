package io.creditscoring.training.run;

import io.creditscoring.training.report.ComparisonReport;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.IterationCap;
import io.creditscoring.training.selection.OneStandardErrorRule;
import java.util.List;
import java.util.Map;

/** A run's comparison report: its data, preprocessing and information values, each model's section, the selection. */
final class RunReports {

    private RunReports() {}

    /** The report of a run whose models are evaluated; {@code selection} null when none could be selected. */
    static ComparisonReport of(PreparedRun run, List<ModelResult> results, OneStandardErrorRule.Selection selection) {
        List<ComparisonReport.ModelSection> sections = results.stream()
                .map(r -> new ComparisonReport.ModelSection(
                        r.algorithm(),
                        r.model().metrics(),
                        r.model().cvAuc(),
                        r.model().cvAucStandardError(),
                        r.testProbabilities(),
                        r.fitted().testProbabilities(),
                        r.ece(),
                        r.eceUncalibrated(),
                        r.model().pipeline().calibration() != null,
                        r.fitted().featureImportance(),
                        r.fitted().importanceKind(),
                        r.details(),
                        trialRows(r.search(), run.params()),
                        r.search().stoppedBy()))
                .toList();
        return new ComparisonReport(
                run.runId(),
                run.registered().schema().portfolio(),
                run.registered().version(),
                run.dataset().sha256(),
                run.dataset().rows(),
                run.dataset().defaults(),
                run.window() == null ? null : run.window().toString(),
                run.split(),
                run.yTest(),
                run.preprocessing(),
                run.iv(),
                sections,
                selection == null ? null : selection.selected(),
                new ComparisonReport.SelectionRule(
                        run.settings().crossValidation().folds(),
                        run.settings().crossValidation().standardErrors(),
                        selection == null ? null : selection.best(),
                        selection == null ? Double.NaN : selection.threshold()),
                run.settings().calibration().bins(),
                run.params(),
                LibraryVersions.all(),
                run.timings());
    }

    private static List<ComparisonReport.TrialRow> trialRows(
            HyperparameterSearch.Result search, Map<String, String> params) {
        return search.trials().stream()
                .map(trial -> new ComparisonReport.TrialRow(
                        trial.number(),
                        trial.values().isEmpty()
                                ? "the run's settings"
                                : trial.values().toString(),
                        trial.score().meanAuc(),
                        trial.score().standardError(),
                        trial.score().foldAucs(),
                        trial.score().iterations(),
                        IterationCap.reached(search.algorithm(), trial.score().iterations(), trial.values(), params),
                        trial.seconds(),
                        trial == search.best()))
                .toList();
    }
}
