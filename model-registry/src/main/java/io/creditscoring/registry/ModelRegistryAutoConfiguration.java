package io.creditscoring.registry;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * In any service with this module and a DataSource: migrates the registry schema (unless
 * {@code registry.migrate=false}), and provides the
 * {@link ModelRegistry}, the {@link PromotionPolicy} and, when Kafka is configured, the {@link OutboxRelay} with
 * its own String producer (acks=all, idempotent), independent of the service's own Kafka serializers.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({RegistryProperties.class, GovernanceProperties.class})
public class ModelRegistryAutoConfiguration {

    @Bean
    RegistrySchemaMigration registrySchemaMigration(DataSource dataSource, RegistryProperties properties) {
        return new RegistrySchemaMigration(dataSource, properties.migrate());
    }

    @Bean
    ModelRegistry modelRegistry(DataSource dataSource, RegistrySchemaMigration migrated) {
        return new ModelRegistry(dataSource);
    }

    @Bean
    PromotionPolicy promotionPolicy(RegistryProperties properties) {
        return new PromotionPolicy(properties.promotion().aucMargin());
    }

    @Bean
    @ConditionalOnBean(KafkaProperties.class)
    @ConditionalOnProperty(prefix = "registry.outbox", name = "relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            DataSource dataSource,
            RegistrySchemaMigration migrated,
            KafkaProperties kafka,
            RegistryProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // unique per context: the standalone runs several services, each with a relay, in one JVM
        config.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "registry-outbox-relay-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8));
        config.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                properties.outbox().sendTimeout().toMillis());
        // delivery.timeout.ms must cover request.timeout.ms plus linger.ms
        long sendTimeout = Math.max(properties.outbox().sendTimeout().toMillis(), 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (sendTimeout / 2));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        var template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, String>(config));
        return new OutboxRelay(
                dataSource,
                template,
                properties.outbox().sendTimeout(),
                properties.outbox().pollInterval());
    }
}
