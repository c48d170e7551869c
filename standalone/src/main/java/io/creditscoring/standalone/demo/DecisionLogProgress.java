package io.creditscoring.standalone.demo;

import io.creditscoring.model.events.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the decision log has got: events written to {@code credit.scoring-events}, and events the drift
 * monitor has consumed and committed. The demo waits on these instead of guessing how long delivery takes.
 */
final class DecisionLogProgress implements AutoCloseable {

    private static final String DRIFT_MONITOR_GROUP = "drift-monitor";

    private final Admin admin;

    DecisionLogProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Events written to the decision log so far, over all partitions. */
    long written() {
        try {
            var partitions = admin
                    .describeTopics(java.util.List.of(Topics.SCORING_EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.SCORING_EVENTS)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(Topics.SCORING_EVENTS, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while reading the decision log's offsets");
        } catch (ExecutionException e) {
            throw new DemoFailure(
                    "cannot read the decision log's offsets: " + e.getCause().getMessage());
        }
    }

    /** Events the drift monitor has consumed and committed, over all partitions. */
    long consumedByDriftMonitor() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DRIFT_MONITOR_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.SCORING_EVENTS) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while reading the drift monitor's offsets");
        } catch (ExecutionException e) {
            throw new DemoFailure(
                    "cannot read the drift monitor's offsets: " + e.getCause().getMessage());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
