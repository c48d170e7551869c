package io.creditscoring.drift.challenger;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.drift.challenger.ChampionChallengerComparison.AucDifference;
import io.creditscoring.drift.challenger.ChampionChallengerComparison.DecisionDifferences;
import io.creditscoring.drift.challenger.ChampionChallengerComparison.DifferingDecision;
import io.creditscoring.drift.challenger.ChampionChallengerComparison.ModelResults;
import io.creditscoring.drift.challenger.ChampionChallengerRepository.MaturedRow;
import io.creditscoring.drift.challenger.ChampionChallengerRepository.Pair;
import io.creditscoring.metrics.CalibrationError;
import io.creditscoring.metrics.DeLongComparison;
import io.creditscoring.metrics.ProbabilityMetrics;
import io.creditscoring.model.events.Decision;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Compares a portfolio's champion and challenger on the same matured applications: for each model AUC, KS, Brier,
 * expected calibration error ({@link ProbabilityMetrics}) and approval rate; DeLong's test for the difference of the
 * AUCs ({@link DeLongComparison}); and the applications the two decide differently. Computed on demand from the
 * decision log, so it always reflects the outcomes received so far.
 */
@Service
public class ChampionChallenger {

    private final ChampionChallengerRepository repository;
    private final DriftProperties.ChampionChallenger settings;
    private final Clock clock;

    ChampionChallenger(ChampionChallengerRepository repository, DriftProperties properties) {
        this.repository = repository;
        this.settings = properties.championChallenger();
        this.clock = Clock.systemUTC();
    }

    /**
     * The comparison of the portfolio's shadow-scored pair: the versions given, or else the pair of the newest
     * shadow-scored decision (within the window, when one is given). Empty when the log holds no shadow score that
     * matches.
     */
    public Optional<ChampionChallengerComparison> compare(
            String portfolio, Integer championVersion, Integer challengerVersion, Long windowId) {
        return repository
                .latestPair(portfolio, championVersion, challengerVersion, windowId)
                .map(pair -> compare(portfolio, pair, windowId));
    }

    private ChampionChallengerComparison compare(String portfolio, Pair pair, Long windowId) {
        return compare(
                portfolio,
                pair,
                windowId,
                repository.shadowScoredApplications(portfolio, pair, windowId),
                repository.matured(portfolio, pair, windowId));
    }

    /** The comparison of matured rows, without the database. */
    ChampionChallengerComparison compare(
            String portfolio, Pair pair, Long windowId, int shadowScored, List<MaturedRow> rows) {
        int n = rows.size();
        double[] champion = new double[n];
        double[] challenger = new double[n];
        boolean[] defaulted = new boolean[n];
        int defaults = 0;
        for (int i = 0; i < n; i++) {
            MaturedRow row = rows.get(i);
            champion[i] = row.championProbability();
            challenger[i] = row.challengerProbability();
            defaulted[i] = row.defaulted();
            defaults += row.defaulted() ? 1 : 0;
        }
        String note = null;
        if (n < settings.minMaturedRows()) {
            note = n + " matured applications; the comparison needs " + settings.minMaturedRows();
        } else if (defaults < 2 || n - defaults < 2) {
            note = "the matured applications hold " + defaults + " defaults and " + (n - defaults)
                    + " others; the comparison needs at least 2 of each";
        }
        if (note != null) {
            return new ChampionChallengerComparison(
                    portfolio,
                    pair.champion(),
                    pair.challenger(),
                    windowId,
                    shadowScored,
                    n,
                    defaults,
                    false,
                    note,
                    null,
                    null,
                    null,
                    null,
                    clock.instant());
        }
        DeLongComparison delong = DeLongComparison.of(champion, challenger, defaulted);
        double z = delong.z();
        return new ChampionChallengerComparison(
                portfolio,
                pair.champion(),
                pair.challenger(),
                windowId,
                shadowScored,
                n,
                defaults,
                true,
                null,
                results(pair.champion(), champion, defaulted, rows, true),
                results(pair.challenger(), challenger, defaulted, rows, false),
                new AucDifference(
                        delong.difference(), delong.standardError(), Double.isFinite(z) ? z : null, delong.pValue()),
                differences(rows),
                clock.instant());
    }

    private ModelResults results(
            int version, double[] probabilities, boolean[] defaulted, List<MaturedRow> rows, boolean isChampion) {
        ProbabilityMetrics metrics = ProbabilityMetrics.of(probabilities, defaulted);
        long approved = rows.stream()
                .filter(r -> (isChampion ? r.championDecision() : r.challengerDecision()) == Decision.APPROVE)
                .count();
        return new ModelResults(
                version,
                metrics.auc(),
                metrics.ks(),
                metrics.brier(),
                CalibrationError.of(probabilities, outcomes(defaulted), settings.calibrationBins())
                        .expected(),
                approved / (double) rows.size());
    }

    private static int[] outcomes(boolean[] defaulted) {
        int[] outcomes = new int[defaulted.length];
        for (int i = 0; i < defaulted.length; i++) {
            outcomes[i] = defaulted[i] ? 1 : 0;
        }
        return outcomes;
    }

    private DecisionDifferences differences(List<MaturedRow> rows) {
        int count = 0;
        List<DifferingDecision> sample = new ArrayList<>(settings.differingSample());
        for (MaturedRow row : rows) {
            if (row.championDecision() != row.challengerDecision()) {
                count++;
                if (sample.size() < settings.differingSample()) {
                    sample.add(new DifferingDecision(
                            row.applicationId(), row.championDecision(), row.challengerDecision(), row.defaulted()));
                }
            }
        }
        return new DecisionDifferences(count, count / (double) rows.size(), List.copyOf(sample));
    }
}
