package io.creditscoring.training.run;

import io.creditscoring.training.dataset.TrainingSetReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Run meters for the training dashboard and the failed-run alert: {@code training.runs} (tags {@code portfolio},
 * {@code status} SUCCEEDED or FAILED) and {@code training.run} (time of a run, tag {@code portfolio}). Both
 * counters of a portfolio exist from the start of its first run, so that its first failure is an increase from
 * 0 that {@code increase()} sees, not a new series. {@code training.runs.queued} is the number of runs waiting in
 * the queue (all replicas), to compare with {@code training.queue.max-queued}.
 */
@Component
class TrainingRunMetrics {

    private final MeterRegistry registry;

    TrainingRunMetrics(MeterRegistry registry, RunQueue queue) {
        this.registry = registry;
        Gauge.builder("training.runs.queued", queue, RunQueue::queued)
                .description("Training runs waiting in the queue, on every replica")
                .register(registry);
    }

    /** Feature rows a run took from somewhere other than {@link TrainingSetReader} (a Spark job's samples). */
    void rowsRead(String portfolio, String source, int rows) {
        TrainingSetReader.rowsRead(registry, portfolio, source).increment(rows);
    }

    void started(String portfolio) {
        runs(portfolio, RunStatus.SUCCEEDED);
        runs(portfolio, RunStatus.FAILED);
    }

    void finished(String portfolio, RunStatus status, long nanos) {
        runs(portfolio, status).increment();
        Timer.builder("training.run")
                .description("Duration of a training run, from start to its report")
                .tag("portfolio", portfolio)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter runs(String portfolio, RunStatus status) {
        return Counter.builder("training.runs")
                .description("Finished training runs, by outcome")
                .tag("portfolio", portfolio)
                .tag("status", status.name())
                .register(registry);
    }
}
