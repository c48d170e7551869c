package io.creditscoring.model.events;

import java.time.Instant;
import java.util.Map;

/**
 * A request to train a portfolio's models, on {@code credit.training-commands} keyed by portfolio. Training
 * handles each {@code commandId} at most once.
 *
 * @param details the evidence behind the request, for example the drift window and its statistics
 */
public record TrainingCommand(
        String commandId,
        String portfolio,
        TrainingReason reason,
        String requestedBy,
        Instant requestedAt,
        Map<String, Object> details) {}
