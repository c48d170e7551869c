package io.creditscoring.training.spark;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.selection.HyperparameterSearch;
import io.creditscoring.training.settings.RunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hyper-parameter search of a Spark run, drawn by the service with the local engine's sampler
 * ({@link HyperparameterSearch#plan}) and handed to the job as settings: the job cross-validates the trials in order,
 * stops before a trial once the time budget is spent, and refits the best. The job holds no sampler of its own, so
 * both engines search the same trials for the same seed.
 *
 * @param trials each algorithm's trials in order, trial 1 the run's own settings
 * @param timeBudget per algorithm, as the local engine's {@code search.timeBudget}
 */
public record SparkSearch(Map<Algorithm, List<PlannedTrial>> trials, Duration timeBudget) {

    /**
     * One trial the job is to cross-validate.
     *
     * @param values its own values by flat name (none for trial 1)
     * @param settings the run's settings with those values, bound and checked like any override
     */
    public record PlannedTrial(int number, Map<String, Object> values, RunSettings settings) {}

    public SparkSearch {
        trials = Map.copyOf(trials);
    }

    /**
     * @param fixed the parameters the run set itself: not searched
     */
    public static SparkSearch plan(List<Algorithm> algorithms, RunSettings settings, Set<String> fixed) {
        Map<Algorithm, List<PlannedTrial>> trials = new EnumMap<>(Algorithm.class);
        for (Algorithm algorithm : algorithms) {
            List<PlannedTrial> planned = new ArrayList<>();
            List<Map<String, Object>> values = HyperparameterSearch.plan(algorithm, settings, fixed);
            for (int i = 0; i < values.size(); i++) {
                planned.add(new PlannedTrial(i + 1, values.get(i), settings.overriding(values.get(i))));
            }
            trials.put(algorithm, List.copyOf(planned));
        }
        return new SparkSearch(trials, settings.search().timeBudget());
    }

    /** The algorithm's planned trials; the job must have run a prefix of them. */
    public List<PlannedTrial> of(Algorithm algorithm) {
        List<PlannedTrial> planned = trials.get(algorithm);
        if (planned == null) {
            throw new IllegalArgumentException("no search planned for " + algorithm);
        }
        return planned;
    }
}
