package io.creditscoring.drift.stats;

/** The usual reading of a population stability index. */
public enum StabilityBand {
    /** PSI below 0.1. */
    STABLE,
    /** PSI from 0.1 to below 0.25. */
    WATCH,
    /** PSI of 0.25 or more. */
    SHIFT;

    public static StabilityBand of(double psi) {
        if (psi >= 0.25) {
            return SHIFT;
        }
        return psi >= 0.1 ? WATCH : STABLE;
    }
}
