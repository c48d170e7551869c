package io.creditscoring.scoring.score;

import io.creditscoring.model.events.Decision;
import io.creditscoring.scoring.ScoringProperties.DecisionPolicy;

/**
 * Score points by PDO scaling and the decision by cut-offs, for one portfolio's policy.
 *
 * <p>{@code score = offset + factor * ln(good:bad odds)} with {@code odds = (1 - pd) / pd},
 * {@code factor = pdo / ln 2} and {@code offset = baseScore - factor * ln(baseOdds)}: with the defaults, odds of
 * 50:1 score 600 and every 20 points double the odds. The probability is clamped to [1e-9, 1 - 1e-9] so that
 * the score stays finite.
 */
record ScoreCard(DecisionPolicy policy, double factor, double offset) {

    static ScoreCard of(DecisionPolicy policy) {
        double factor = policy.pointsToDoubleOdds() / Math.log(2);
        return new ScoreCard(policy, factor, policy.baseScore() - factor * Math.log(policy.baseOdds()));
    }

    int points(double probabilityOfDefault) {
        double p = Math.min(1 - 1e-9, Math.max(1e-9, probabilityOfDefault));
        return (int) Math.round(offset + factor * Math.log((1 - p) / p));
    }

    Decision decision(double probabilityOfDefault) {
        if (probabilityOfDefault < policy.approveBelow()) {
            return Decision.APPROVE;
        }
        return probabilityOfDefault >= policy.declineAtOrAbove() ? Decision.DECLINE : Decision.REFER;
    }
}
