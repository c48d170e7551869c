package io.creditscoring.training.preprocess;

/** A model-input feature left out by feature selection, and why. */
public record DroppedFeature(String feature, String reason) {}
