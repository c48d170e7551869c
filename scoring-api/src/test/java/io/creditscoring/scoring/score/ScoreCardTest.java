package io.creditscoring.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.events.Decision;
import io.creditscoring.scoring.ScoringProperties.DecisionPolicy;
import org.junit.jupiter.api.Test;

class ScoreCardTest {

    private final ScoreCard card = ScoreCard.of(new DecisionPolicy(600, 50, 20, 0.1, 0.3));

    @Test
    void oddsOfFiftyToOneScoreTheBaseAndTwentyPointsDoubleThem() {
        assertThat(card.points(1 / 51.0)).isEqualTo(600);
        assertThat(card.points(1 / 101.0)).isEqualTo(620);
        assertThat(card.points(1 / 26.0)).isEqualTo(580);
    }

    @Test
    void extremeProbabilitiesKeepAFiniteScore() {
        assertThat(card.points(0.0)).isGreaterThan(card.points(1e-6));
        assertThat(card.points(1.0)).isLessThan(card.points(0.999));
    }

    @Test
    void cutOffsSplitApproveReferAndDecline() {
        assertThat(card.decision(0.0999)).isEqualTo(Decision.APPROVE);
        assertThat(card.decision(0.1)).isEqualTo(Decision.REFER);
        assertThat(card.decision(0.2999)).isEqualTo(Decision.REFER);
        assertThat(card.decision(0.3)).isEqualTo(Decision.DECLINE);
    }
}
