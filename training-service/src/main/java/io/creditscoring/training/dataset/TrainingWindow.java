package io.creditscoring.training.dataset;

import java.time.Duration;
import java.time.Instant;

/**
 * The recent window a retrain learns from: the labelled applications whose outcome was observed in {@code [from,
 * to)}. The observation time is the outcome's {@code observedAt}, or, for an outcome that arrived without one, the
 * time the platform stored it.
 *
 * @param from the earliest observation time read (inclusive)
 * @param to the end of the window (exclusive): when the run was requested
 */
public record TrainingWindow(Instant from, Instant to) {

    /** How the window's dates are taken, as recorded with the run. */
    public static final String BASIS = "outcome observedAt (the time the outcome was stored when it has none)";

    public TrainingWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a training window must start before it ends: " + from + " to " + to);
        }
    }

    /** The {@code length} before {@code end}. */
    public static TrainingWindow ending(Instant end, Duration length) {
        return new TrainingWindow(end.minus(length), end);
    }

    @Override
    public String toString() {
        return "outcomes observed from " + from + " to " + to;
    }
}
