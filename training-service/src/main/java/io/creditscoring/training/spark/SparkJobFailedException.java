package io.creditscoring.training.spark;

/** The Spark job failed (or could not start); the message is the driver's reason, which fails the run. */
public class SparkJobFailedException extends RuntimeException {

    public SparkJobFailedException(String reason) {
        super(reason);
    }
}
