package io.creditscoring.scoring.decisionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The decision log's counters, registered in both modes so that dashboards and alerts see the same series
 * whichever mode runs (a counter a mode never uses stays at 0).
 */
record DecisionLogMeters(
        Counter published, Counter failures, Counter dropped, Counter withheld, Counter withheldButLogged) {

    static DecisionLogMeters register(MeterRegistry meters) {
        return new DecisionLogMeters(
                Counter.builder("scoring.events.published")
                        .description("Scoring events acknowledged by Kafka")
                        .register(meters),
                Counter.builder("scoring.events.publish.failures")
                        .description("Scoring events Kafka did not acknowledge (async mode: per attempt)")
                        .register(meters),
                Counter.builder("scoring.events.dropped")
                        .description("Async mode: scoring events given up on after every retry, or refused by a"
                                + " full queue")
                        .register(meters),
                Counter.builder("scoring.decisions.withheld")
                        .description("Durable mode: decisions not given (503) because Kafka did not acknowledge"
                                + " their scoring events in time")
                        .register(meters),
                Counter.builder("scoring.events.withheld.logged")
                        .description("Durable mode: scoring events of withheld decisions that Kafka acknowledged"
                                + " anyway (after the deadline, or the acknowledged part of a refused batch)")
                        .register(meters));
    }
}
