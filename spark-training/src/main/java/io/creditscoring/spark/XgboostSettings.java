package io.creditscoring.spark;

/**
 * The local engine's XGBoost settings ({@code training.xgboost.*}, same defaults), plus how many Spark tasks fit
 * together and the address their tracker listens on (the driver's host; null lets XGBoost choose).
 */
public record XgboostSettings(
        int maxRounds,
        int earlyStoppingRounds,
        double eta,
        int maxDepth,
        double minChildWeight,
        double subsample,
        double colsampleBytree,
        double lambda,
        int workers,
        String earlyStoppingMetric,
        boolean monotoneConstraints,
        String trackerHost) {

    public XgboostSettings withTrackerHost(String host) {
        return new XgboostSettings(
                maxRounds,
                earlyStoppingRounds,
                eta,
                maxDepth,
                minChildWeight,
                subsample,
                colsampleBytree,
                lambda,
                workers,
                earlyStoppingMetric,
                monotoneConstraints,
                host);
    }
}
