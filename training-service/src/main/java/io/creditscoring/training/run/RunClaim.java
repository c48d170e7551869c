package io.creditscoring.training.run;

import java.util.UUID;

/**
 * A worker's hold on one attempt of a run. Writes that end the attempt match {@code (runId, attempt)} on a RUNNING
 * row, so that a worker whose lease expired (and whose run was re-queued and claimed again) changes nothing.
 */
record RunClaim(UUID runId, int attempt, String worker) {}
