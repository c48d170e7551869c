package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

    private final PromotionPolicy policy = new PromotionPolicy(0.01);

    @Test
    void theFirstModelBecomesChampionWhenThereIsNone() {
        var decision = policy.decide(0.70, new ChampionAssessment.None());
        assertThat(decision.promoteToChampion()).isTrue();
        assertThat(decision.reason()).contains("no champion");
    }

    @Test
    void aChallengerThatBeatsTheChampionByTheMarginReplacesIt() {
        var decision = policy.decide(0.80, measured(0.785));
        assertThat(decision.promoteToChampion()).isTrue();
        assertThat(decision.reason()).contains("0.8000").contains("0.7850");
    }

    @Test
    void aChallengerThatBeatsTheChampionByLessThanTheMarginStaysChallenger() {
        assertThat(policy.decide(0.795, measured(0.790)).promoteToChampion()).isFalse();
    }

    @Test
    void aWorseChallengerStaysChallenger() {
        assertThat(policy.decide(0.70, measured(0.78)).promoteToChampion()).isFalse();
    }

    @Test
    void withAZeroMarginATieDoesNotReplaceTheChampion() {
        var zero = new PromotionPolicy(0.0);
        assertThat(zero.decide(0.78, measured(0.78)).promoteToChampion()).isFalse();
        assertThat(zero.decide(0.7801, measured(0.78)).promoteToChampion()).isTrue();
    }

    @Test
    void rejectsANegativeMargin() {
        assertThatThrownBy(() -> new PromotionPolicy(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsClosedWhenTheCandidatesAucIsMissing() {
        for (Double missing : new Double[] {null, Double.NaN}) {
            var decision = policy.decide(missing, new ChampionAssessment.None());
            assertThat(decision.promoteToChampion()).isFalse();
            assertThat(decision.reason()).contains("could not be computed");
        }
    }

    @Test
    void failsClosedWhenTheChampionCouldNotBeEvaluated() {
        var decision =
                policy.decide(0.99, new ChampionAssessment.Unavailable(3, "artifact failed its integrity check"));
        assertThat(decision.promoteToChampion()).isFalse();
        assertThat(decision.reason()).contains("version 3", "integrity");
    }

    @Test
    void failsClosedWhenTheChampionsAucIsNotANumber() {
        var decision = policy.decide(0.99, new ChampionAssessment.Measured(3, Double.NaN));
        assertThat(decision.promoteToChampion()).isFalse();
        assertThat(decision.reason()).contains("no AUC");
    }

    private static ChampionAssessment measured(double auc) {
        return new ChampionAssessment.Measured(1, auc);
    }
}
