package io.creditscoring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class PlatformTopicsTest {

    @Test
    void consumedTopicsComeWithTheirDeadLetterTopicsAllWithTheSamePartitions() {
        var topics = PlatformTopics.withPartitions(3)
                .consumed("a", "b")
                .published("c", "a")
                .newTopics();
        assertThat(topics).extracting(NewTopic::name).containsExactly("a", "a.DLT", "b", "b.DLT", "c");
        assertThat(topics).extracting(NewTopic::numPartitions).containsOnly(3);
    }
}
