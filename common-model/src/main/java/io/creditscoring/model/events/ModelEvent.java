package io.creditscoring.model.events;

import java.time.Instant;

/**
 * A registry change on {@code credit.model-events}, keyed by portfolio: for example version 7 became the
 * champion. Scoring reloads its model on a PROMOTED champion event.
 */
public record ModelEvent(String portfolio, int modelVersion, String alias, ModelEventType event, Instant at) {}
