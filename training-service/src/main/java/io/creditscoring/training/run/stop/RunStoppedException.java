package io.creditscoring.training.run.stop;

/** A run left at a checkpoint because it was asked to stop; it is handed back to the queue, not failed. */
public class RunStoppedException extends RuntimeException {

    RunStoppedException(String reason, String where) {
        super(reason + " (stopped " + where + ")");
    }
}
