package io.creditscoring.model.events;

/** Why a training run was requested. */
public enum TrainingReason {
    SCHEDULED,
    DRIFT,
    MANUAL
}
