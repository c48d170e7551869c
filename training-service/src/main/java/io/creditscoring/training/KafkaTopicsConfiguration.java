package io.creditscoring.training;

import io.creditscoring.kafka.PlatformTopics;
import io.creditscoring.model.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics training consumes from (commands) and publishes to (model events). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics trainingTopics(TrainingProperties properties) {
        return PlatformTopics.withPartitions(properties.topicPartitions())
                .consumed(Topics.TRAINING_COMMANDS)
                .published(Topics.MODEL_EVENTS)
                .build();
    }
}
