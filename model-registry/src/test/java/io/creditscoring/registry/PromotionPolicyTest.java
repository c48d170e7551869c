package io.creditscoring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

    private final PromotionPolicy policy = new PromotionPolicy(0.01);

    @Test
    void theFirstModelBecomesChampionWhenThereIsNone() {
        var decision = policy.decide(0.70, null);
        assertThat(decision.promoteToChampion()).isTrue();
        assertThat(decision.reason()).contains("no champion");
    }

    @Test
    void aChallengerThatBeatsTheChampionByTheMarginReplacesIt() {
        var decision = policy.decide(0.80, 0.785);
        assertThat(decision.promoteToChampion()).isTrue();
        assertThat(decision.reason()).contains("0.8000").contains("0.7850");
    }

    @Test
    void aChallengerThatBeatsTheChampionByLessThanTheMarginStaysChallenger() {
        assertThat(policy.decide(0.795, 0.790).promoteToChampion()).isFalse();
    }

    @Test
    void aWorseChallengerStaysChallenger() {
        assertThat(policy.decide(0.70, 0.78).promoteToChampion()).isFalse();
    }

    @Test
    void withAZeroMarginATieDoesNotReplaceTheChampion() {
        var zero = new PromotionPolicy(0.0);
        assertThat(zero.decide(0.78, 0.78).promoteToChampion()).isFalse();
        assertThat(zero.decide(0.7801, 0.78).promoteToChampion()).isTrue();
    }

    @Test
    void rejectsANegativeMarginAndANaNAuc() {
        assertThatThrownBy(() -> new PromotionPolicy(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.decide(Double.NaN, 0.7)).isInstanceOf(IllegalArgumentException.class);
    }
}
