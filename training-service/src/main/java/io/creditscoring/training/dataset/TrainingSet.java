package io.creditscoring.training.dataset;

import java.util.List;

/**
 * The labelled rows of a portfolio exactly as read, with their lineage.
 *
 * @param rows the rows, ordered by application id
 * @param sha256 hex SHA-256 over every row read (id, features, outcome), in order
 * @param defaults how many rows defaulted
 */
public record TrainingSet(List<LabelledRow> rows, String sha256, int defaults) {

    public TrainingSet {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    public int nonDefaults() {
        return rows.size() - defaults;
    }
}
