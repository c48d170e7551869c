package io.creditscoring.ingestion;

import io.creditscoring.kafka.PlatformTopics;
import io.creditscoring.model.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics ingestion consumes from, and their dead-letter topics (same partition count, as Spring expects). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics ingestionTopics(IngestionProperties properties) {
        return PlatformTopics.withPartitions(properties.topicPartitions())
                .consumed(Topics.APPLICATIONS, Topics.OUTCOMES)
                .build();
    }
}
