package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Selects a run's algorithm from its cross-validation scores, preferring the simpler model: the best algorithm is the
 * one with the highest mean fold AUC; the selected one is the simplest (logistic regression, then XGBoost, then the
 * neural network) whose mean is at least the best mean less {@code standardErrors} times the best one's standard
 * error. With 1 this is the one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani and Friedman, The
 * Elements of Statistical Learning, 7.10): a difference smaller than the noise of the estimate is no reason for the
 * more complex model. With 0 the best mean is selected (ties go to the simpler model).
 */
public final class OneStandardErrorRule {

    /** Simplest first. */
    public static final List<Algorithm> BY_COMPLEXITY =
            List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.XGBOOST, Algorithm.NEURAL_NETWORK);

    private OneStandardErrorRule() {}

    /** One algorithm's cross-validation score: the mean of its fold AUCs and that mean's standard error. */
    public record Candidate(Algorithm algorithm, double meanAuc, double standardError) {}

    /**
     * The decision and what it rested on.
     *
     * @param selected the algorithm selected
     * @param best the algorithm with the highest mean
     * @param threshold the least mean that could be selected: the best mean less the allowed standard errors
     */
    public record Selection(Algorithm selected, Algorithm best, double threshold) {}

    public static Optional<Selection> select(List<Candidate> candidates, double standardErrors) {
        List<Candidate> usable = candidates.stream()
                .filter(c -> Double.isFinite(c.meanAuc()))
                .sorted(Comparator.comparingInt(c -> BY_COMPLEXITY.indexOf(c.algorithm())))
                .toList();
        Candidate best = null;
        for (Candidate c : usable) {
            if (best == null || c.meanAuc() > best.meanAuc()) {
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        double se = Double.isFinite(best.standardError()) ? best.standardError() : 0;
        double threshold = best.meanAuc() - standardErrors * se;
        Candidate selected = usable.stream()
                .filter(c -> c.meanAuc() >= threshold)
                .findFirst()
                .orElse(best);
        return Optional.of(new Selection(selected.algorithm(), best.algorithm(), threshold));
    }
}
