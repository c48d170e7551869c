package io.creditscoring.training.run;

import java.util.UUID;

/** The answer to starting a run. */
public record StartedRun(UUID runId, RunStatus status) {}
