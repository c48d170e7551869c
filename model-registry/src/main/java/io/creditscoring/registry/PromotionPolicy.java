package io.creditscoring.registry;

/**
 * What a training run's selected model becomes: always the challenger, and the champion too when the portfolio
 * has no champion, or when the new model's test AUC beats the champion's AUC, measured on the same (new) test
 * split, by at least {@code aucMargin}. Pure: no I/O.
 *
 * @param aucMargin how much higher the challenger's AUC must be; 0 means any improvement, never a tie
 */
public record PromotionPolicy(double aucMargin) {

    public PromotionPolicy {
        if (!(aucMargin >= 0) || aucMargin >= 1) {
            throw new IllegalArgumentException("aucMargin must be in [0, 1), got " + aucMargin);
        }
    }

    /**
     * Decides.
     *
     * @param candidateAuc the new model's AUC on the run's test split
     * @param championAuc the current champion's AUC on the same split, or null when there is no champion
     */
    public Decision decide(double candidateAuc, Double championAuc) {
        if (Double.isNaN(candidateAuc)) {
            throw new IllegalArgumentException("candidate AUC is NaN");
        }
        if (championAuc == null) {
            return new Decision(true, "no champion yet; challenger AUC " + format(candidateAuc));
        }
        double gain = candidateAuc - championAuc;
        boolean beats = gain > 0 && gain >= aucMargin;
        return new Decision(
                beats,
                "challenger AUC " + format(candidateAuc) + " vs champion AUC " + format(championAuc)
                        + " on the new test split (gain " + format(gain) + ", required margin " + format(aucMargin)
                        + ")");
    }

    private static String format(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /**
     * @param promoteToChampion whether the candidate also becomes the champion
     * @param reason the reason recorded in the promotion history
     */
    public record Decision(boolean promoteToChampion, String reason) {}
}
