package io.creditscoring.ingestion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ingestion service, under {@code ingestion.*}.
 *
 * @param registerBundledPortfolios register the bundled portfolios at start-up when they are absent
 * @param topicPartitions partitions of the topics this service creates
 * @param consumer the applications and outcomes consumers
 * @param csvImport the CSV import (a body or an object-store file)
 * @param objectStore where object-store imports read from
 */
@Validated
@ConfigurationProperties("ingestion")
public record IngestionProperties(
        @DefaultValue("true") boolean registerBundledPortfolios,
        @DefaultValue("2") @Min(1) int topicPartitions,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid CsvImport csvImport,
        @DefaultValue @Valid ObjectStore objectStore) {

    /**
     * @param groupId the consumer group of both listeners
     * @param concurrency consumers per topic (at most the partition count is useful)
     * @param autoStartup whether the listeners start with the application
     * @param retry back-off while PostgreSQL or the broker is unavailable (transient failures; records that
     *     PostgreSQL refuses for their data are isolated and dead-lettered instead)
     */
    public record Consumer(
            @DefaultValue("ingestion-service") @NotBlank String groupId,
            @DefaultValue("2") @Min(1) int concurrency,
            @DefaultValue("true") boolean autoStartup,
            @DefaultValue @Valid Retry retry) {}

    /**
     * @param initialInterval first pause before a failed batch is retried
     * @param multiplier growth of the pause after each failure
     * @param maxInterval longest pause
     * @param maxElapsed give up after this long and dead-letter the batch (reason {@code RETRIES_EXHAUSTED}):
     *     long enough to ride out a PostgreSQL restart or fail-over, short enough that a lasting fault shows on the
     *     dead-letter topic instead of holding partitions for ever
     */
    public record Retry(
            @DefaultValue("500ms") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("15s") @NotNull Duration maxInterval,
            @DefaultValue("10m") @NotNull Duration maxElapsed) {}

    /**
     * @param progressEvery log progress, and record it in {@code ingestion.imports}, after this many rows
     * @param maxInFlight rows published but not yet acknowledged before the import waits for the broker
     * @param maxRows most data rows one import may hold; a longer file is refused with 413 once the limit is
     *     passed (the rows before it are published, and importing again is safe: ids are stable)
     * @param progressInterval record progress in {@code ingestion.imports} at least this often while rows arrive
     *     (besides every {@code progressEvery} rows): often enough for a progress bar, far from once per row
     * @param lease an import whose replica has not renewed it for this long (the replica renews four times per
     *     lease while it runs the import) is recorded as FAILED by another replica, or by the next start: its
     *     replica died without finishing it
     */
    public record CsvImport(
            @DefaultValue("10000") @Min(1) int progressEvery,
            @DefaultValue("5000") @Min(1) int maxInFlight,
            @DefaultValue("10000000") @Min(1) long maxRows,
            @DefaultValue("1s") @NotNull Duration progressInterval,
            @DefaultValue("2m") @NotNull Duration lease) {}

    /**
     * An S3 or S3-compatible store (MinIO, Ceph RGW, ...) that imports may read from.
     *
     * @param endpoint the store's URL; empty for AWS S3 itself (then the region picks the endpoint)
     * @param region the signing region (S3-compatible stores usually accept any, often {@code us-east-1})
     * @param pathStyle address buckets as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key};
     *     most S3-compatible stores need it
     * @param accessKey the access key id; empty to use the AWS default chain (environment, profile, instance role)
     * @param secretKey the secret key, with {@code accessKey}
     * @param allowedBuckets the only buckets an import may name; empty (the default) refuses every object-store
     *     import, so a service never reads a bucket nobody chose
     * @param workers object-store imports running at once
     * @param queued imports waiting for a worker before new ones are refused with 503
     */
    public record ObjectStore(
            URI endpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("true") boolean pathStyle,
            String accessKey,
            String secretKey,
            @DefaultValue List<String> allowedBuckets,
            @DefaultValue("2") @Min(1) int workers,
            @DefaultValue("16") @Min(0) int queued) {}
}
