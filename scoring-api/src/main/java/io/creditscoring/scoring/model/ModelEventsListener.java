package io.creditscoring.scoring.model;

import io.creditscoring.model.events.ModelEvent;
import io.creditscoring.model.events.ModelEventType;
import io.creditscoring.model.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reloads a champion or challenger when the registry announces a promotion. Every instance must hear every event, so each
 * joins its own consumer group; it reads the topic from the start, and replays are harmless because checks coalesce and only load
 * versions not yet served.
 */
@Component
class ModelEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ModelEventsListener.class);

    private final ChampionModels models;

    ModelEventsListener(ChampionModels models) {
        this.models = models;
    }

    @KafkaListener(
            topics = Topics.MODEL_EVENTS,
            groupId = "scoring-api-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void onModelEvent(ModelEvent event) {
        if (event != null
                && event.event() == ModelEventType.PROMOTED
                && ("champion".equals(event.alias()) || "challenger".equals(event.alias()))) {
            log.info("{} promoted: {} v{}", event.alias(), event.portfolio(), event.modelVersion());
            models.requestCheck();
        }
    }
}
