package io.creditscoring.drift.window;

/** What closed a window. */
public enum WindowTrigger {
    /** The window reached its event count. */
    COUNT,
    /** The window's first event reached the window's age. */
    TIME,
    /** Someone asked for an evaluation now. */
    ON_DEMAND
}
