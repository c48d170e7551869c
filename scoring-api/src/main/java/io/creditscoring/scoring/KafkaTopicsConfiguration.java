package io.creditscoring.scoring;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The decision log topic that scoring publishes every scoring event to. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic scoringEventsTopic(ScoringProperties properties) {
        return TopicBuilder.name(Topics.SCORING_EVENTS)
                .partitions(properties.topicPartitions())
                .build();
    }
}
