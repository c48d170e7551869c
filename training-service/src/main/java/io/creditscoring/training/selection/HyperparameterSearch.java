package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.ModelTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, seeded random search for one algorithm: trial 1 is the run's own settings, the others draw their values
 * from the {@link SearchSpace} with a random generator seeded by the run's seed and the algorithm, so the same run
 * draws the same trials. Every trial is scored by cross-validation on the same folds; the best is the one with the
 * highest mean fold AUC (the earlier trial on a tie). The search ends after {@code search.trials} trials, or earlier
 * when {@code search.timeBudget} has been spent (then which trials ran depends on the machine's speed, and the
 * result says so).
 */
public final class HyperparameterSearch {

    private static final Logger log = LoggerFactory.getLogger(HyperparameterSearch.class);

    private HyperparameterSearch() {}

    /**
     * One trial.
     *
     * @param number from 1; trial 1 is the run's own settings
     * @param values the trial's own values by flat name (none for trial 1)
     * @param settings the run's settings with those values
     */
    public record Trial(
            int number, Map<String, Object> values, RunSettings settings, CrossValidationScore score, double seconds) {}

    /**
     * @param stoppedBy why the search ended before its trials ran out, or null
     */
    public record Result(Algorithm algorithm, List<Trial> trials, Trial best, String stoppedBy) {}

    /**
     * @param fixed the parameters the run set itself: the search keeps them as they are
     */
    public static Result run(
            ModelTrainer trainer, CrossValidationFolds folds, RunSettings settings, Set<String> fixed) {
        Algorithm algorithm = trainer.algorithm();
        int planned = settings.search().trials();
        Duration budget = settings.search().timeBudget();
        Random random = new Random(settings.seed() * 1_000_003L + algorithm.ordinal());
        long started = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        String stoppedBy = null;
        for (int number = 1; number <= planned; number++) {
            // drawn for every trial, the first included, so that trial n always has the same values
            Map<String, Object> drawn = SearchSpace.draw(algorithm, random, fixed);
            if (number > 1 && System.nanoTime() - started >= budget.toNanos()) {
                stoppedBy = "time budget of " + budget.toSeconds() + " s spent after " + trials.size() + " of "
                        + planned + " trials";
                log.info("{} search: {}", algorithm, stoppedBy);
                break;
            }
            StopSignal.checkpoint("before " + algorithm + " trial " + number);
            Map<String, Object> values = number == 1 ? Map.of() : drawn;
            RunSettings trialSettings = settings.overriding(values);
            long t = System.nanoTime();
            CrossValidationScore score = CrossValidator.score(trainer, folds, trialSettings);
            Trial trial = new Trial(number, values, trialSettings, score, (System.nanoTime() - t) / 1e9);
            trials.add(trial);
            log.info(
                    "{} trial {}/{} {}: mean fold AUC {} (standard error {}, {} folds{}) in {} s",
                    algorithm,
                    number,
                    planned,
                    values.isEmpty() ? "(the run's settings)" : values,
                    String.format("%.4f", score.meanAuc()),
                    String.format("%.4f", score.standardError()),
                    folds.size(),
                    score.iterations() > 0 ? ", " + score.iterations() + " iterations" : "",
                    String.format("%.1f", trial.seconds()));
            if (best == null || score.meanAuc() > best.score().meanAuc()) {
                best = trial;
            }
        }
        return new Result(algorithm, List.copyOf(trials), best, stoppedBy);
    }
}
