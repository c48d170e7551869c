package io.creditscoring.scoring.decisionlog;

import io.creditscoring.scoring.ScoringProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The decision log of the mode {@code scoring.decision-log.mode} names: durable (the default) or async. */
@Configuration(proxyBeanMethods = false)
class DecisionLogConfiguration {

    @Bean
    DecisionLog decisionLog(ScoringProperties properties, KafkaTemplate<Object, Object> kafka, MeterRegistry meters) {
        ScoringProperties.DecisionLog settings = properties.decisionLog();
        return switch (settings.mode()) {
            case DURABLE -> new DurableDecisionLog(kafka.getProducerFactory(), settings, meters);
            case ASYNC -> new AsyncDecisionLog(kafka, settings, meters);
        };
    }
}
