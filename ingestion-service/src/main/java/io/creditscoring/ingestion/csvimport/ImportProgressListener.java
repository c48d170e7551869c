package io.creditscoring.ingestion.csvimport;

/** Told how far an import has come, every {@code progress-every} rows or {@code progress-interval}. */
@FunctionalInterface
interface ImportProgressListener {

    ImportProgressListener NONE = counts -> {};

    void progress(ImportCounts counts);
}
