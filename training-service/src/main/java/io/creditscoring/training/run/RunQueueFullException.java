package io.creditscoring.training.run;

import io.creditscoring.web.ApiProblemException;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The run queue holds its maximum of runs: a REST request is answered 429 with a Retry-After; a training command is
 * retried later (see {@code KafkaErrorHandlingConfiguration}), never dead-lettered for it.
 */
public class RunQueueFullException extends ApiProblemException {

    static final URI TYPE = URI.create("urn:credit-scoring:problem:training-queue-full");

    private RunQueueFullException(int queued, int maxQueued, Duration retryAfter) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                TYPE,
                "Training queue full",
                queued + " training runs are queued, the most the queue holds (training.queue.max-queued = " + maxQueued
                        + "); try again later");
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        getBody().setProperty("queuedRuns", queued);
        getBody().setProperty("maxQueuedRuns", maxQueued);
    }

    static RunQueueFullException of(int queued, int maxQueued, Duration retryAfter) {
        return new RunQueueFullException(queued, maxQueued, retryAfter);
    }
}
