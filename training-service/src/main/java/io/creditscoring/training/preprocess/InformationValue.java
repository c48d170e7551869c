package io.creditscoring.training.preprocess;

import java.util.List;

/**
 * A feature's information value with its weight-of-evidence bins, computed on the training split. WOE of a bin is
 * {@code ln(share of non-defaults / share of defaults)} (with 0.5 added to empty counts), IV the sum over bins of
 * {@code (share of non-defaults - share of defaults) * WOE}. Rules of thumb: below 0.02 useless, 0.02-0.1 weak,
 * 0.1-0.3 medium, above 0.3 strong.
 */
public record InformationValue(String feature, double iv, List<Bin> bins) {

    public InformationValue {
        bins = List.copyOf(bins);
    }

    /** Rule-of-thumb strength of the feature. */
    public String strength() {
        if (iv < 0.02) {
            return "useless";
        } else if (iv < 0.1) {
            return "weak";
        } else if (iv < 0.3) {
            return "medium";
        } else if (iv < 0.5) {
            return "strong";
        }
        return "suspiciously strong";
    }

    /** One bin: a value range or category, its rows, defaults and weight of evidence. */
    public record Bin(String label, int rows, int defaults, double woe) {}
}
