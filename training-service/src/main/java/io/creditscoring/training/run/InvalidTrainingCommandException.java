package io.creditscoring.training.run;

/** A training command that can never be acted on; not retried, it goes to the dead-letter topic. */
public class InvalidTrainingCommandException extends RuntimeException {

    public InvalidTrainingCommandException(String message) {
        super(message);
    }
}
