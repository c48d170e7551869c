package io.creditscoring.registry;

/**
 * What a training run learned of the portfolio's champion on the run's own test split, for the promotion policy.
 */
public sealed interface ChampionAssessment {

    /** The champion version assessed, or null when there was none. */
    Integer version();

    /** The portfolio had no champion. */
    record None() implements ChampionAssessment {
        @Override
        public Integer version() {
            return null;
        }
    }

    /** The champion scored the new test split with this AUC. */
    record Measured(Integer version, double auc) implements ChampionAssessment {}

    /** The champion could not be loaded or could not score the new test split: no comparison is possible. */
    record Unavailable(Integer version, String why) implements ChampionAssessment {}
}
