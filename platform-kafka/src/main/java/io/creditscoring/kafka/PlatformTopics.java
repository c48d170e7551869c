package io.creditscoring.kafka;

import io.creditscoring.model.events.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service makes sure exist at start-up (Spring's {@code KafkaAdmin} creates those that are absent),
 * all with the service's configured partition count. A topic the service consumes comes with its dead-letter
 * topic, which Spring's recoverer expects to have as many partitions.
 */
public final class PlatformTopics {

    private final int partitions;
    private final List<String> names = new ArrayList<>();

    private PlatformTopics(int partitions) {
        this.partitions = partitions;
    }

    public static PlatformTopics withPartitions(int partitions) {
        return new PlatformTopics(partitions);
    }

    /** Topics the service consumes, each with its {@code <topic>.DLT}. */
    public PlatformTopics consumed(String... topics) {
        for (String topic : topics) {
            names.add(topic);
            names.add(Topics.deadLetter(topic));
        }
        return this;
    }

    /** Topics the service only publishes to, or whose dead letters another service owns. */
    public PlatformTopics published(String... topics) {
        names.addAll(List.of(topics));
        return this;
    }

    /** The topics, each once, in the order given. */
    public List<NewTopic> newTopics() {
        return names.stream()
                .distinct()
                .map(name -> TopicBuilder.name(name).partitions(partitions).build())
                .toList();
    }

    /** The topics as one bean for {@code KafkaAdmin}. */
    public KafkaAdmin.NewTopics build() {
        return new KafkaAdmin.NewTopics(newTopics().toArray(NewTopic[]::new));
    }
}
