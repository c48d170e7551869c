package io.creditscoring.drift.window;

import java.time.Duration;

/**
 * Keeps the scheduled window evaluations to a share of one core: after an evaluation that kept the evaluator busy for
 * {@code t}, the next one waits {@code t * (1 - share) / share}. During a backlog (many windows due at once, such as
 * 40 windows of 5,000 events in 100 s of load in the standalone) the evaluator then takes at most {@code share} of
 * one core, and the scoring service on the same machine keeps the rest. Windows are not lost by waiting: their events
 * stay pending and each count window still holds exactly {@code max-events} events.
 */
final class EvaluationPacer {

    private final double share;

    /** @param share of one core, within (0, 1]; 1 evaluates back to back */
    EvaluationPacer(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("evaluator share must be within (0, 1], got " + share);
        }
        this.share = share;
    }

    /** The wait that keeps an evaluation of {@code busy} within the share. */
    Duration pauseAfter(Duration busy) {
        if (busy.isNegative() || busy.isZero() || share == 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (busy.toNanos() * (1 - share) / share));
    }

    /**
     * Waits after an evaluation of {@code busy}.
     *
     * @throws InterruptedException when the service stops meanwhile
     */
    void pace(Duration busy) throws InterruptedException {
        Duration pause = pauseAfter(busy);
        if (!pause.isZero()) {
            Thread.sleep(pause);
        }
    }
}
