package io.creditscoring.model.events;

/** What happened to a model version in the registry. */
public enum ModelEventType {
    PROMOTED
}
