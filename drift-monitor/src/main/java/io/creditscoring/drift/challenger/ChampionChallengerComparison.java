package io.creditscoring.drift.challenger;

import io.creditscoring.model.events.Decision;
import java.time.Instant;
import java.util.List;

/**
 * The champion and the challenger compared on the same matured applications: those the champion decided and the
 * challenger shadow scored, whose outcome is known (one scoring per application: its latest). Served by
 * {@code GET /v1/portfolios/{portfolio}/champion-challenger} and shown in the drift report.
 *
 * @param portfolio the portfolio
 * @param championVersion the registry version that decided
 * @param challengerVersion the registry version that scored in the shadow
 * @param windowId the drift window the comparison is limited to, null for every logged application
 * @param shadowScoredApplications applications with a shadow score of this pair (matured or not)
 * @param maturedApplications those with an outcome: the rows compared
 * @param defaults defaulters among them
 * @param comparable whether there are enough matured applications (and of both outcomes) for the metrics below
 * @param note why the comparison is not made, null when it is
 * @param champion the champion's results, null when not comparable
 * @param challenger the challenger's results, null when not comparable
 * @param aucDifference DeLong's test of challenger AUC minus champion AUC, null when not comparable
 * @param decisionsDiffer where the two decisions differ, null when not comparable
 * @param evaluatedAt when it was computed
 */
public record ChampionChallengerComparison(
        String portfolio,
        int championVersion,
        int challengerVersion,
        Long windowId,
        int shadowScoredApplications,
        int maturedApplications,
        int defaults,
        boolean comparable,
        String note,
        ModelResults champion,
        ModelResults challenger,
        AucDifference aucDifference,
        DecisionDifferences decisionsDiffer,
        Instant evaluatedAt) {

    /**
     * One model on the matured applications.
     *
     * @param modelVersion its registry version
     * @param auc area under the ROC curve (Mann-Whitney, ties one half)
     * @param ks Kolmogorov-Smirnov separation of defaulters and others
     * @param brier mean squared error of the probability
     * @param ece expected calibration error over equal-width bins
     * @param approvalRate share of the applications it approved
     */
    public record ModelResults(
            int modelVersion, double auc, double ks, double brier, double ece, double approvalRate) {}

    /**
     * DeLong's test for the difference of the two AUCs on the same applications.
     *
     * @param difference challenger AUC minus champion AUC: positive when the challenger ranks better
     * @param standardError the difference's estimated standard error
     * @param z the difference over its standard error (null when not finite: no variance left)
     * @param pValue two-sided p-value of "both AUCs are equal"
     */
    public record AucDifference(double difference, double standardError, Double z, double pValue) {}

    /**
     * @param count matured applications the two models decided differently
     * @param share that count over the matured applications
     * @param sample some of them, in application id order
     */
    public record DecisionDifferences(int count, double share, List<DifferingDecision> sample) {}

    /**
     * @param applicationId the application
     * @param champion the champion's decision (the one given)
     * @param challenger the challenger's decision (never given)
     * @param defaulted the application's outcome
     */
    public record DifferingDecision(String applicationId, Decision champion, Decision challenger, boolean defaulted) {}
}
