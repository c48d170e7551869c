package io.creditscoring.ingestion.csvimport;

/** Where an import stands. */
public enum ImportStatus {
    /** Reading and publishing rows (or waiting for a worker, for an object-store import). */
    RUNNING,
    /** Every row was read; each was published or rejected. */
    SUCCEEDED,
    /** Stopped early; {@code failureReason} says why, the counters say how far it came. */
    FAILED
}
