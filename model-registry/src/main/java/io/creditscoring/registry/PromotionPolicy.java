package io.creditscoring.registry;

import java.util.Locale;

/**
 * What a training run's selected model becomes: always the challenger, and the champion too when the portfolio
 * has no champion, or when the new model's test AUC beats the champion's AUC, measured on the same (new) test
 * split, by at least {@code aucMargin}. The policy fails closed: when the champion could not be evaluated or an
 * AUC is missing, the new model stays challenger and the decision says why. Pure: no I/O.
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
     * @param candidateAuc the new model's AUC on the run's test split; null or NaN when it could not be computed
     * @param champion what is known of the champion on the same split
     */
    public Decision decide(Double candidateAuc, ChampionAssessment champion) {
        if (candidateAuc == null || !Double.isFinite(candidateAuc)) {
            return new Decision(false, "the new model's test AUC could not be computed; it stays challenger");
        }
        return switch (champion) {
            case ChampionAssessment.None none ->
                new Decision(true, "no champion yet; challenger AUC " + format(candidateAuc));
            case ChampionAssessment.Unavailable unavailable ->
                new Decision(
                        false,
                        "champion version " + unavailable.version() + " could not be evaluated on the new test split ("
                                + unavailable.why() + "); the new model stays challenger");
            case ChampionAssessment.Measured measured
            when !Double.isFinite(measured.auc()) ->
                new Decision(
                        false,
                        "champion version " + measured.version()
                                + " has no AUC on the new test split; the new model stays challenger");
            case ChampionAssessment.Measured measured -> compare(candidateAuc, measured.auc());
        };
    }

    private Decision compare(double candidateAuc, double championAuc) {
        double gain = candidateAuc - championAuc;
        boolean beats = gain > 0 && gain >= aucMargin;
        return new Decision(
                beats,
                "challenger AUC " + format(candidateAuc) + " vs champion AUC " + format(championAuc)
                        + " on the new test split (gain " + format(gain) + ", required margin " + format(aucMargin)
                        + ")");
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * @param promoteToChampion whether the candidate should also become the champion
     * @param reason the reason recorded in the run and the promotion history
     */
    public record Decision(boolean promoteToChampion, String reason) {}
}
