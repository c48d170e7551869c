package io.creditscoring.training.run;

import io.creditscoring.model.events.TrainingReason;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Queues a retrain (a DRIFT or SCHEDULED run, which reads its window of recent outcomes) as the training-commands
 * listener queues one, with what a command cannot carry: an engine and overrides of the run's parameters (a command's
 * run takes the portfolio's engine and the service's settings). The queue, the worker and the runner are production's;
 * only the way in differs, so that one run can prove a windowed read and a setting the service's defaults do not have.
 */
public final class QueuedRetrains {

    private QueuedRetrains() {}

    public static UUID queue(
            ApplicationContext context,
            String portfolio,
            TrainingReason reason,
            String engine,
            List<String> algorithms,
            Map<String, Object> overrides) {
        UUID runId = UUID.randomUUID();
        context.getBean(RunQueue.class)
                .admit(new RunQueue.NewRun(
                        runId, portfolio, reason.name(), "test", "test-" + runId, algorithms, overrides, engine, null));
        context.getBean(TrainingWorker.class).wakeUp();
        return runId;
    }
}
