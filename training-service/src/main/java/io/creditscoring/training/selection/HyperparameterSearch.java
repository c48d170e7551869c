package io.creditscoring.training.selection;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.ModelTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
     * The values of every trial the search plans for one algorithm, in trial order: trial 1 is the run's own settings
     * (no values of its own), trials 2 to {@code search.trials} are drawn from the {@link SearchSpace} by a generator
     * seeded by the run's seed and the algorithm. Both engines search these trials: the local one here, the Spark job
     * from the list the training service hands it.
     *
     * @param fixed the parameters the run set itself: the search keeps them as they are
     */
    public static List<Map<String, Object>> plan(Algorithm algorithm, RunSettings settings, Set<String> fixed) {
        Random random = new Random(settings.seed() * 1_000_003L + algorithm.ordinal());
        List<Map<String, Object>> planned = new ArrayList<>();
        for (int number = 1; number <= settings.search().trials(); number++) {
            // drawn for every trial, the first included, so that trial n always has the same values
            Map<String, Object> drawn = SearchSpace.draw(algorithm, random, fixed);
            // in the order drawn: the report and the run view show them so
            planned.add(number == 1 ? Map.of() : Collections.unmodifiableMap(drawn));
        }
        return List.copyOf(planned);
    }

    /**
     * The best of the trials that ran: the highest mean fold AUC, the earlier trial on a tie (a later trial must be
     * strictly better), so that the run's own settings win when the search finds nothing better.
     */
    public static Trial best(List<Trial> trials) {
        Trial best = null;
        for (Trial trial : trials) {
            if (best == null || trial.score().meanAuc() > best.score().meanAuc()) {
                best = trial;
            }
        }
        return best;
    }

    /** Why a search ended before its planned trials: its time budget, spent after {@code ran} trials. */
    public static String budgetSpent(Duration budget, int ran, int planned) {
        return "time budget of " + budget.toSeconds() + " s spent after " + ran + " of " + planned + " trials";
    }

    /**
     * @param fixed the parameters the run set itself: the search keeps them as they are
     */
    public static Result run(
            ModelTrainer trainer, CrossValidationFolds folds, RunSettings settings, Set<String> fixed) {
        Algorithm algorithm = trainer.algorithm();
        List<Map<String, Object>> planned = plan(algorithm, settings, fixed);
        Duration budget = settings.search().timeBudget();
        long started = System.nanoTime();
        List<Trial> trials = new ArrayList<>();
        String stoppedBy = null;
        for (int number = 1; number <= planned.size(); number++) {
            if (number > 1 && System.nanoTime() - started >= budget.toNanos()) {
                stoppedBy = budgetSpent(budget, trials.size(), planned.size());
                log.info("{} search: {}", algorithm, stoppedBy);
                break;
            }
            StopSignal.checkpoint("before " + algorithm + " trial " + number);
            Map<String, Object> values = planned.get(number - 1);
            RunSettings trialSettings = settings.overriding(values);
            long t = System.nanoTime();
            CrossValidationScore score = CrossValidator.score(trainer, folds, trialSettings);
            Trial trial = new Trial(number, values, trialSettings, score, (System.nanoTime() - t) / 1e9);
            trials.add(trial);
            log.info(
                    "{} trial {}/{} {}: mean fold AUC {} (standard error {}, {} folds{}) in {} s",
                    algorithm,
                    number,
                    planned.size(),
                    values.isEmpty() ? "(the run's settings)" : values,
                    String.format("%.4f", score.meanAuc()),
                    String.format("%.4f", score.standardError()),
                    folds.size(),
                    score.iterations() > 0 ? ", " + score.iterations() + " iterations" : "",
                    String.format("%.1f", trial.seconds()));
        }
        return new Result(algorithm, List.copyOf(trials), best(trials), stoppedBy);
    }
}
