package io.creditscoring.drift.stats;

/** How a column's values are compared: as numbers or as labels. */
public enum ColumnKind {
    NUMERIC,
    CATEGORICAL
}
