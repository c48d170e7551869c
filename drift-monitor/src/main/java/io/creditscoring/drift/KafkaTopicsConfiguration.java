package io.creditscoring.drift;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Dead-letter topic for scoring events the monitor cannot use. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic scoringEventsDeadLetterTopic(DriftProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.SCORING_EVENTS))
                .partitions(properties.topicPartitions())
                .build();
    }
}
