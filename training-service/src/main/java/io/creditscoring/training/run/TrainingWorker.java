package io.creditscoring.training.run;

import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.run.stop.StopSignal;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Executes queued runs one at a time on one platform thread (a retrain must not starve scoring of CPU on a small
 * machine), claiming them from the durable queue so that any number of replicas can share it. While a run trains,
 * a second thread renews its lease every {@code heartbeat-interval} and takes back the runs of dead processes.
 *
 * <p>It is a {@link SmartLifecycle}: it starts claiming once the context is refreshed, and a stop (SIGTERM, context
 * close, a paused test context) asks the run in progress to stop at its next checkpoint, waits for it to be handed
 * back at most {@code stop-timeout}, and hands it back itself when the run is stuck in a step it cannot leave (one
 * native XGBoost round, a Smile fit). All of this happens before the context destroys its beans, so the DataSource
 * is still open for the hand-back. It stops in the same phase as the Kafka listener containers, in parallel with
 * them.
 */
@Component
class TrainingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);
    private static final String STOPPING = "the training service is stopping";
    private static final Duration LEASE_QUERY_BUDGET = Duration.ofSeconds(5);

    private final RunQueue queue;
    private final TrainingRunner runner;
    private final TrainingProperties.Worker settings;
    /** Who holds a claim, for the operator: process, host and this instance. */
    private final String name;

    private final Semaphore work = new Semaphore(0);
    private final Object lock = new Object();
    private boolean running;
    /** The signal of the run being claimed or executed: a stop reaches a run claimed at the same moment too. */
    private StopSignal current;

    private volatile InFlight inFlight;
    private Thread thread;
    private ScheduledExecutorService leases;

    private record InFlight(RunClaim claim, StopSignal stop) {}

    TrainingWorker(RunQueue queue, TrainingRunner runner, TrainingProperties properties) {
        this.queue = queue;
        this.runner = runner;
        this.settings = properties.worker();
        this.name = ManagementFactory.getRuntimeMXBean().getName() + "#"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** A run was queued here: claim it now rather than at the next poll. */
    void wakeUp() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            leases = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("training-leases").daemon().factory());
            leases.scheduleWithFixedDelay(
                    this::keepLeases, 0, settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
            // daemon: a run stuck in native code past the stop budget must not keep the JVM alive
            thread = Thread.ofPlatform().name("training-worker").daemon().start(this::work);
        }
        log.info("Training worker {} started", name);
    }

    @Override
    public void stop(Runnable callback) {
        Thread stopping = requestStop();
        if (stopping == null) {
            callback.run();
            return;
        }
        Thread.ofPlatform().name("training-worker-stop").daemon().start(() -> {
            try {
                awaitHandBack(stopping);
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public void stop() {
        Thread stopping = requestStop();
        if (stopping != null) {
            awaitHandBack(stopping);
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /** Stops with the Kafka listener containers, before the web server and long before the DataSource closes. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }

    /** Asks the loop and the run in progress to stop; answers the worker thread to wait for, or null. */
    private Thread requestStop() {
        synchronized (lock) {
            if (!running) {
                return null;
            }
            running = false;
            if (current != null) {
                current.request(STOPPING);
            }
        }
        work.release();
        return thread;
    }

    private void awaitHandBack(Thread worker) {
        Duration budget = settings.stopTimeout();
        try {
            InFlight stuck = worker.join(budget) ? null : inFlight;
            if (stuck != null) {
                log.warn(
                        "Run {} reached no checkpoint within {} ms of the stop; handing it back from here",
                        stuck.claim().runId(),
                        budget.toMillis());
                queue.handBack(
                        stuck.claim(), STOPPING + " (no checkpoint reached within " + budget.toSeconds() + " s)");
            }
            // no lease query may be under way when the DataSource closes
            leases.shutdown();
            leases.awaitTermination(LEASE_QUERY_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not hand the run in progress back; it is re-queued when its lease expires", e);
        } finally {
            leases.shutdownNow();
        }
        log.info("Training worker {} stopped", name);
    }

    private void work() {
        while (true) {
            StopSignal stop = new StopSignal();
            synchronized (lock) {
                if (!running) {
                    return;
                }
                current = stop;
            }
            Optional<RunClaim> claim;
            try {
                claim = queue.claimNext(name);
            } catch (RuntimeException e) {
                log.warn("Could not claim a queued run; trying again in {} ms", pollMillis(), e);
                pause();
                continue;
            }
            if (claim.isEmpty()) {
                pause();
                continue;
            }
            execute(claim.get(), stop);
        }
    }

    private void execute(RunClaim claim, StopSignal stop) {
        inFlight = new InFlight(claim, stop);
        try {
            if (stop.requested()) {
                // claimed as the stop came: nothing ran, so the attempt does not count
                queue.release(claim);
                return;
            }
            runner.execute(claim, stop);
        } catch (RuntimeException e) {
            // the run could not even record its end (database gone): its lease expires and any worker re-queues it
            log.error(
                    "Run {} (attempt {}) could not record how it ended; it is re-queued when its lease expires",
                    claim.runId(),
                    claim.attempt(),
                    e);
        } finally {
            inFlight = null;
        }
    }

    private void pause() {
        try {
            work.tryAcquire(pollMillis(), TimeUnit.MILLISECONDS);
            work.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long pollMillis() {
        return settings.pollInterval().toMillis();
    }

    /** Renews the lease of the run in progress and takes back the runs of dead processes, on every replica. */
    private void keepLeases() {
        // a periodic task that throws is never run again: every failure is logged and retried at the next beat
        try {
            InFlight run = inFlight;
            if (run != null && !queue.heartbeat(run.claim())) {
                // finished in the meantime, or re-queued by another worker after a lease this one let expire
                run.stop().request("the run is no longer leased to this worker");
            }
            for (RunQueue.Recovered r : queue.recoverAbandoned()) {
                log.warn(
                        "Run {} of a dead process {}: {}",
                        r.runId(),
                        r.status() == RunStatus.FAILED ? "FAILED" : "re-queued",
                        r.interruption());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not renew the run lease or look for abandoned runs; trying again in {} ms",
                    settings.heartbeatInterval().toMillis(),
                    e);
        }
    }
}
