package io.creditscoring.training.run.stop;

/**
 * A request to stop the run in progress, checked by the run itself at points where stopping loses little work:
 * between steps, between algorithms, between boosting rounds and epochs. Training code reached from a run calls
 * {@link #checkpoint(String)}; the worker that executes the run binds its signal with {@link #watch}, so that the
 * trainers need no parameter for it. A run that is stopped this way throws {@link RunStoppedException} out of the
 * checkpoint and is handed back to the queue.
 */
public final class StopSignal {

    private static final ScopedValue<StopSignal> CURRENT = ScopedValue.newInstance();

    private volatile String reason;

    /** Asks the watched run to stop at its next checkpoint; the first reason given is kept. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    /** Why the stop was asked for, or null. */
    public String reason() {
        return reason;
    }

    /** Runs {@code op} on this thread with this signal as the one its checkpoints look at. */
    public <T, X extends Throwable> T watch(ScopedValue.CallableOp<T, X> op) throws X {
        return ScopedValue.where(CURRENT, this).call(op);
    }

    /**
     * The task, made to watch the signal watched on this thread (if any) wherever it runs: work a run hands to other
     * threads (cross-validation folds fitted in parallel) stops at its checkpoints like the run itself.
     */
    public static <T> java.util.concurrent.Callable<T> carriedTo(java.util.concurrent.Callable<T> task) {
        if (!CURRENT.isBound()) {
            return task;
        }
        StopSignal signal = CURRENT.get();
        return () -> signal.watch(task::call);
    }

    /**
     * Throws when the run executing on this thread was asked to stop; does nothing otherwise, and nothing outside a
     * run (a trainer called from a test, for example).
     *
     * @param where what the run is about to do or has just done, for the log and the run's record
     */
    public static void checkpoint(String where) {
        if (CURRENT.isBound()) {
            String why = CURRENT.get().reason;
            if (why != null) {
                throw new RunStoppedException(why, where);
            }
        }
    }
}
