package io.creditscoring.drift.stats;

import java.util.List;

/**
 * Reference and current shares over the same bins or categories, for reports.
 *
 * @param labels one label per bin or category
 * @param reference the reference share of each
 * @param current the current share of each
 */
public record Histogram(List<String> labels, List<Double> reference, List<Double> current) {

    public Histogram {
        labels = List.copyOf(labels);
        reference = List.copyOf(reference);
        current = List.copyOf(current);
    }
}
