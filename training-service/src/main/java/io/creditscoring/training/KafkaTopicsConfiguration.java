package io.creditscoring.training;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics training consumes from (commands) and publishes to (model events). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic trainingCommandsTopic(TrainingProperties properties) {
        return TopicBuilder.name(Topics.TRAINING_COMMANDS)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic trainingCommandsDeadLetterTopic(TrainingProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.TRAINING_COMMANDS))
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic modelEventsTopic(TrainingProperties properties) {
        return TopicBuilder.name(Topics.MODEL_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }
}
