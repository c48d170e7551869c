package io.creditscoring.ingestion.csvimport;

import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.ingestion.csvimport.parquet.ObjectStoreInputFile;
import io.creditscoring.ingestion.csvimport.parquet.ParquetImportException;
import io.creditscoring.ingestion.csvimport.parquet.ParquetRows;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.web.ApiProblemException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Imports files from an object store in the background, on a bounded pool ({@code object-store.workers} running,
 * {@code object-store.queued} waiting; beyond that 503). The object is streamed from the store into the same
 * {@link CsvImporter} as a CSV body (same row limit, validation and idempotency), never held whole in memory; its
 * progress and end are recorded by the {@link ImportTracker}. A Parquet file is read by ranged GETs, its footer and
 * then one row group at a time ({@link ParquetRows}), and its rows go through the same importer as CSV rows. Only
 * buckets in {@code allowed-buckets} are read.
 */
@Service
class ObjectStoreImports {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreImports.class);

    private final S3Client store;
    private final CsvImporter importer;
    private final ImportTracker tracker;
    private final Set<String> allowedBuckets;
    private final ThreadPoolExecutor workers;

    ObjectStoreImports(S3Client store, CsvImporter importer, ImportTracker tracker, IngestionProperties properties) {
        this.store = store;
        this.importer = importer;
        this.tracker = tracker;
        IngestionProperties.ObjectStore settings = properties.objectStore();
        this.allowedBuckets = Set.copyOf(settings.allowedBuckets());
        this.workers = new ThreadPoolExecutor(
                settings.workers(),
                settings.workers(),
                0,
                TimeUnit.SECONDS,
                settings.queued() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queued()),
                Thread.ofPlatform().name("object-store-import-", 1).daemon().factory());
    }

    /**
     * Checks the request, records the import as RUNNING and queues it.
     *
     * @throws ApiProblemException 400 for a bucket not allowed or a format not read, 409 for a taken id, 503 when
     *     the queue is full
     */
    void start(UUID importId, PortfolioSchema schema, ObjectLocation location, ImportFormat format) {
        if (!allowedBuckets.contains(location.bucket())) {
            throw ApiProblemException.badRequest("bucket '" + location.bucket()
                    + "' is not one imports may read (ingestion.object-store.allowed-buckets)");
        }
        tracker.begin(importId, schema.portfolio(), location.toString());
        try {
            workers.execute(new Queued(importId, () -> run(importId, schema, location, format)));
        } catch (RejectedExecutionException e) {
            tracker.failed(importId, "refused: too many object-store imports running or queued", null);
            throw ApiProblemException.unavailable("too many object-store imports are running or queued; try later");
        }
    }

    private void run(UUID importId, PortfolioSchema schema, ObjectLocation location, ImportFormat format) {
        log.info("Import {} of portfolio {} from {} started", importId, schema.portfolio(), location);
        try {
            ImportResult result = format == ImportFormat.PARQUET
                    ? importParquet(importId, schema, location)
                    : importCsv(importId, schema, location, format);
            tracker.succeeded(importId, ImportCounts.of(result));
        } catch (NoSuchKeyException e) {
            fail(importId, "the object " + location + " does not exist", null, null);
        } catch (NoSuchBucketException e) {
            fail(importId, "the bucket '" + location.bucket() + "' does not exist", null, null);
        } catch (S3Exception e) {
            fail(
                    importId,
                    "the object store refused to read " + location + " (HTTP " + e.statusCode() + ", "
                            + e.awsErrorDetails().errorCode() + ")",
                    null,
                    e);
        } catch (SdkClientException e) {
            fail(importId, "the object store could not be reached or stopped sending " + location, null, e);
        } catch (CsvImportException | ParquetImportException e) {
            fail(importId, e.getMessage(), null, null);
        } catch (CsvImportTooLargeException e) {
            fail(importId, e.getMessage(), ImportCounts.of(e.published()), null);
        } catch (ImportPublishException e) {
            fail(importId, "Kafka did not acknowledge the import's rows; importing the file again is safe", null, e);
        } catch (IOException | UncheckedIOException e) {
            fail(importId, "could not read " + location + " (" + readFault(e) + ")", null, e);
        } catch (RuntimeException e) {
            fail(importId, "the import failed unexpectedly; the service log has the cause", null, e);
        }
    }

    private ImportResult importCsv(UUID importId, PortfolioSchema schema, ObjectLocation location, ImportFormat format)
            throws IOException {
        try (InputStream object =
                        store.getObject(b -> b.bucket(location.bucket()).key(location.key()));
                InputStream csv = format == ImportFormat.CSV_GZIP ? new GZIPInputStream(object, 65_536) : object) {
            return importer.importCsv(schema, csv, importId, tracker.progressOf(importId));
        }
    }

    private ImportResult importParquet(UUID importId, PortfolioSchema schema, ObjectLocation location)
            throws IOException {
        ObjectStoreInputFile file = new ObjectStoreInputFile(store, location.bucket(), location.key());
        try (ParquetRows rows = ParquetRows.open(file, CsvImporter.columnsRead(schema))) {
            return importer.importRows(schema, rows.columns(), rows::next, importId, tracker.progressOf(importId));
        }
    }

    private static String readFault(Exception e) {
        // gzip and transport faults; their messages name no internal detail beyond the kind of fault
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    private void fail(UUID importId, String reason, ImportCounts counts, Exception cause) {
        if (cause == null) {
            log.info("Import {} failed: {}", importId, reason);
        } else {
            log.warn("Import {} failed: {}", importId, reason, cause);
        }
        tracker.failed(importId, reason, counts);
    }

    /** A queued import, named so that one the service stops before it begins can be recorded as FAILED. */
    private record Queued(UUID importId, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    @PreDestroy
    void stop() {
        // running imports are interrupted and recorded as FAILED; importing the file again is safe
        for (Runnable never : workers.shutdownNow()) {
            if (never instanceof Queued queued) {
                tracker.failed(
                        queued.importId(), "the service stopped before the import began; import the file again", null);
            }
        }
    }
}
