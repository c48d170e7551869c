package io.creditscoring.training;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.training.run.ModelPublisher;
import io.creditscoring.training.run.TrainedModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestComponent;

/** Keeps every model handed to the publisher hook, by run, so that tests can look at what the registry would get. */
@TestComponent
public class CapturingModelPublisher implements ModelPublisher {

    private final Map<UUID, Map<Algorithm, TrainedModel>> models = new ConcurrentHashMap<>();

    @Override
    public PublishedModel publish(TrainedModel model) {
        models.computeIfAbsent(model.runId(), k -> new EnumMap<>(Algorithm.class))
                .put(model.algorithm(), model);
        return PublishedModel.NOT_PUBLISHED;
    }

    public Map<Algorithm, TrainedModel> of(UUID runId) {
        return models.getOrDefault(runId, Map.of());
    }
}
