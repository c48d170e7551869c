package io.creditscoring.training.selection;

import static io.creditscoring.model.events.Algorithm.LOGISTIC_REGRESSION;
import static io.creditscoring.model.events.Algorithm.NEURAL_NETWORK;
import static io.creditscoring.model.events.Algorithm.XGBOOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.selection.OneStandardErrorRule.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases: best mean, its standard error, the least selectable mean, and the simplest model above it. */
class OneStandardErrorRuleTest {

    private static Candidate c(Algorithm a, double mean, double se) {
        return new Candidate(a, mean, se);
    }

    @Test
    void aSimplerModelWithinOneStandardErrorOfTheBestIsSelected() {
        // best XGBoost 0.786 (SE 0.003): least selectable 0.783; LR 0.784 is within it
        var selection = OneStandardErrorRule.select(
                        List.of(
                                c(NEURAL_NETWORK, 0.781, 0.004),
                                c(XGBOOST, 0.786, 0.003),
                                c(LOGISTIC_REGRESSION, 0.784, 0.002)),
                        1.0)
                .orElseThrow();

        assertThat(selection.best()).isEqualTo(XGBOOST);
        assertThat(selection.threshold()).isCloseTo(0.783, within(1e-12));
        assertThat(selection.selected()).isEqualTo(LOGISTIC_REGRESSION);
    }

    @Test
    void aSimplerModelMoreThanOneStandardErrorBelowIsNot() {
        // best XGBoost 0.786 (SE 0.003): least selectable 0.783; LR 0.780 is below it, the NN is worse than XGBoost
        var selection = OneStandardErrorRule.select(
                        List.of(
                                c(LOGISTIC_REGRESSION, 0.780, 0.004),
                                c(XGBOOST, 0.786, 0.003),
                                c(NEURAL_NETWORK, 0.784, 0.005)),
                        1.0)
                .orElseThrow();

        assertThat(selection.selected()).isEqualTo(XGBOOST);
    }

    @Test
    void theStandardErrorIsTheBestModelsNotTheCandidates() {
        // best NN 0.790 with SE 0.004: least selectable 0.786; XGBoost 0.787 qualifies even with its own SE of 0.0001,
        // LR 0.785 does not even with its SE of 0.01
        var selection = OneStandardErrorRule.select(
                        List.of(
                                c(LOGISTIC_REGRESSION, 0.785, 0.01),
                                c(XGBOOST, 0.787, 0.0001),
                                c(NEURAL_NETWORK, 0.790, 0.004)),
                        1.0)
                .orElseThrow();

        assertThat(selection.best()).isEqualTo(NEURAL_NETWORK);
        assertThat(selection.threshold()).isCloseTo(0.786, within(1e-12));
        assertThat(selection.selected()).isEqualTo(XGBOOST);
    }

    @Test
    void theNumberOfStandardErrorsWidensOrNarrowsThePreference() {
        List<Candidate> scores = List.of(
                c(LOGISTIC_REGRESSION, 0.7805, 0.004), c(XGBOOST, 0.786, 0.003), c(NEURAL_NETWORK, 0.7835, 0.005));

        // 2 SE: least selectable 0.780, LR 0.7805 qualifies
        assertThat(OneStandardErrorRule.select(scores, 2.0).orElseThrow().selected())
                .isEqualTo(LOGISTIC_REGRESSION);
        // 1 SE: 0.783; LR does not, XGBoost is simpler than the NN
        assertThat(OneStandardErrorRule.select(scores, 1.0).orElseThrow().selected())
                .isEqualTo(XGBOOST);
        // 0 SE: the best mean
        assertThat(OneStandardErrorRule.select(scores, 0.0).orElseThrow().selected())
                .isEqualTo(XGBOOST);
    }

    @Test
    void withoutTheRuleTheBestMeanWinsAndATieGoesToTheSimplerModel() {
        var tie = List.of(c(NEURAL_NETWORK, 0.79, 0.01), c(XGBOOST, 0.79, 0.01), c(LOGISTIC_REGRESSION, 0.70, 0.01));

        assertThat(OneStandardErrorRule.select(tie, 0.0).orElseThrow().selected())
                .isEqualTo(XGBOOST);
    }

    @Test
    void aModelWithoutAScoreIsLeftOutAndNoScoreSelectsNothing() {
        var scores = List.of(c(LOGISTIC_REGRESSION, Double.NaN, Double.NaN), c(NEURAL_NETWORK, 0.75, 0.02));

        assertThat(OneStandardErrorRule.select(scores, 1.0).orElseThrow().selected())
                .isEqualTo(NEURAL_NETWORK);
        assertThat(OneStandardErrorRule.select(List.of(c(XGBOOST, Double.NaN, 0.01)), 1.0))
                .isEmpty();
    }
}
