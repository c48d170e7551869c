package io.creditscoring.training.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.training.SyntheticCredit;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.selection.SearchSpace;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The search over logistic regression's penalty and XGBoost's settings, on 400 synthetic rows and 3 folds. */
class HyperparameterSearchTest {

    private static final PortfolioSchema SCHEMA = SyntheticCredit.schema("synthetic");
    private static final List<LabelledRow> ROWS = SyntheticCredit.rows("s-", 400, 11);

    private static RunSettings settings(Map<String, ?> more) {
        var overrides = new java.util.HashMap<String, Object>(Map.of("crossValidation.folds", 3, "search.trials", 4));
        overrides.putAll(more);
        return TestSettings.run(overrides);
    }

    @Test
    void trialOneIsTheRunsSettingsAndTheOthersAreDrawnRepeatably() {
        RunSettings settings = settings(Map.of());
        CrossValidationFolds folds = CrossValidationFolds.prepare(SCHEMA, ROWS, settings);

        var first = HyperparameterSearch.run(new LogisticRegressionTrainer(), folds, settings, Set.of());
        var again = HyperparameterSearch.run(new LogisticRegressionTrainer(), folds, settings, Set.of());

        assertThat(first.trials()).hasSize(4);
        assertThat(first.stoppedBy()).isNull();
        assertThat(first.trials().getFirst().values()).isEmpty();
        assertThat(first.trials().getFirst().settings()).isEqualTo(settings);
        for (var trial : first.trials().subList(1, 4)) {
            double lambda = (double) trial.values().get("logisticRegression.lambda");
            assertThat(lambda).isBetween(0.001, 100.0);
            assertThat(trial.settings().logisticRegression().lambda()).isEqualTo(lambda);
        }
        assertThat(again.trials())
                .extracting(HyperparameterSearch.Trial::values)
                .isEqualTo(first.trials().stream()
                        .map(HyperparameterSearch.Trial::values)
                        .toList());
        // the best is the highest mean fold AUC
        double bestMean = first.trials().stream()
                .mapToDouble(t -> t.score().meanAuc())
                .max()
                .orElseThrow();
        assertThat(first.best().score().meanAuc()).isEqualTo(bestMean);
    }

    @Test
    void parametersTheRunSetAreNotSearched() {
        RunSettings settings = settings(Map.of("xgboost.maxDepth", 3, "xgboost.threads", 1, "search.trials", 3));
        CrossValidationFolds folds = CrossValidationFolds.prepare(SCHEMA, ROWS, settings);

        var free = HyperparameterSearch.run(new XgboostTrainer(), folds, settings, Set.of());
        var fixed = HyperparameterSearch.run(new XgboostTrainer(), folds, settings, Set.of("xgboost.maxDepth"));

        assertThat(free.trials().get(1).values()).containsKeys("xgboost.maxDepth", "xgboost.eta");
        for (var trial : fixed.trials()) {
            assertThat(trial.values()).doesNotContainKey("xgboost.maxDepth");
            assertThat(trial.settings().xgboost().maxDepth()).isEqualTo(3);
        }
        // fixing one parameter leaves the draws of the others as they were
        assertThat(fixed.trials().get(2).values().get("xgboost.eta"))
                .isEqualTo(free.trials().get(2).values().get("xgboost.eta"));
    }

    @Test
    void xgboostTrialsAlsoDrawColumnSamplingAndTheL2PenaltyWithinTheirRanges() {
        Random random = new Random(7);
        RunSettings settings = settings(Map.of());
        for (int i = 0; i < 200; i++) {
            Map<String, Object> values = SearchSpace.draw(Algorithm.XGBOOST, random, Set.of());
            double colsample = (double) values.get("xgboost.colsampleBytree");
            double lambda = (double) values.get("xgboost.lambda");
            assertThat(colsample).isBetween(0.4, 1.0);
            assertThat(lambda).isBetween(0.1, 100.0);
            // bound onto the run's settings like any override
            RunSettings trial = settings.overriding(values);
            assertThat(trial.xgboost().colsampleBytree()).isEqualTo(colsample);
            assertThat(trial.xgboost().lambda()).isEqualTo(lambda);
        }
    }

    @Test
    void theTimeBudgetEndsTheSearchAfterTheFirstTrialAndSaysSo() {
        RunSettings settings = settings(Map.of("search.timeBudget", "0s"));
        CrossValidationFolds folds = CrossValidationFolds.prepare(SCHEMA, ROWS, settings);

        var search = HyperparameterSearch.run(new LogisticRegressionTrainer(), folds, settings, Set.of());

        assertThat(search.trials()).hasSize(1);
        assertThat(search.best()).isSameAs(search.trials().getFirst());
        assertThat(search.stoppedBy()).isEqualTo("time budget of 0 s spent after 1 of 4 trials");
    }
}
