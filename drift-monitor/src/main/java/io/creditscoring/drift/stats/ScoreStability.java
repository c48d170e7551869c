package io.creditscoring.drift.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * PSI of the predicted probability of default over the ten bins frozen on the reference.
 *
 * @param psi the index
 * @param band its reading
 * @param bins one row per bin
 */
public record ScoreStability(double psi, StabilityBand band, List<Bin> bins) {

    public ScoreStability {
        bins = List.copyOf(bins);
    }

    /**
     * One bin of the PSI table.
     *
     * @param label the probability range
     * @param referenceShare share of reference rows
     * @param currentShare share of current rows
     * @param contribution this bin's term of the sum
     */
    public record Bin(String label, double referenceShare, double currentShare, double contribution) {}

    public static ScoreStability of(ReferenceProfile reference, double[] currentProbabilities) {
        double[] current = reference.scoreBins().shares(currentProbabilities);
        double[] shares = reference.scoreShares();
        List<String> labels = reference.scoreBins().labels();
        List<Bin> bins = new ArrayList<>(shares.length);
        for (int k = 0; k < shares.length; k++) {
            bins.add(new Bin(labels.get(k), shares[k], current[k], StabilityBins.contribution(shares[k], current[k])));
        }
        double psi = StabilityBins.psi(shares, current);
        return new ScoreStability(psi, StabilityBand.of(psi), bins);
    }
}
