package io.creditscoring.model.portfolio;

/** How a feature's values are read: numbers, or labels from a closed list of categories. */
public enum FeatureType {
    NUMERIC,
    CATEGORICAL
}
