package io.creditscoring.ingestion;

import io.creditscoring.model.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topics ingestion consumes from, and their dead-letter topics (same partition count, as Spring expects). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic applicationsTopic(IngestionProperties properties) {
        return TopicBuilder.name(Topics.APPLICATIONS)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic applicationsDeadLetterTopic(IngestionProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.APPLICATIONS))
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic outcomesTopic(IngestionProperties properties) {
        return TopicBuilder.name(Topics.OUTCOMES)
                .partitions(properties.topicPartitions())
                .build();
    }

    @Bean
    NewTopic outcomesDeadLetterTopic(IngestionProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.OUTCOMES))
                .partitions(properties.topicPartitions())
                .build();
    }
}
