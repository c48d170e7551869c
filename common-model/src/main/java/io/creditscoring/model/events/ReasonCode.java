package io.creditscoring.model.events;

/**
 * A feature that raised the risk of an application, with the schema's consumer-facing text and its
 * contribution to the model's margin (log-odds).
 */
public record ReasonCode(String feature, String reason, double contribution) {}
