package io.creditscoring.training.run;

/** Where a training run is. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
