package io.creditscoring.console.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data set at a path that a Spark run read instead of ingestion's tables ({@code lineage.source} of the training
 * service's run view), as the run page shows it: the path and format asked for, and, once the job has read it, what
 * it found there (files, size, the object's ETag, the listing's fingerprint, the rows it left out).
 *
 * @param path the path asked for ({@code s3a://bucket/...} or a {@code file:} path at its real location)
 * @param format {@code csv} or {@code parquet}
 * @param read whether the job has read it yet (the service records what it found only after the job's read)
 * @param facts what the job found, in display order; only the facts the service sent
 */
public record RunSource(String path, String format, boolean read, List<Fact> facts) {

    /**
     * One line of the block.
     *
     * @param key the field of {@code lineage.source} it shows (a stable hook for tests and styles)
     * @param label what the page calls it
     * @param value as shown
     * @param code whether it is an identifier to show in monospace (ETag, fingerprint)
     */
    public record Fact(String key, String label, String value, boolean code) {}

    /** The run's source, or null for a run that read ingestion's tables (or a view without lineage). */
    static RunSource of(Map<String, Object> run) {
        if (!(run.get("lineage") instanceof Map<?, ?> lineage)
                || !(lineage.get("source") instanceof Map<?, ?> source)) {
            return null;
        }
        List<Fact> facts = new ArrayList<>();
        if (source.get("files") instanceof Number files) {
            facts.add(new Fact(
                    "files",
                    "Files",
                    files.longValue() == 1 ? "1 file" : grouped(files.longValue()) + " files",
                    false));
        }
        if (source.get("bytes") instanceof Number bytes) {
            facts.add(new Fact("bytes", "Size", size(bytes.longValue()), false));
        }
        if (source.get("etag") instanceof String etag && !etag.isBlank()) {
            facts.add(new Fact("etag", "ETag", etag, true));
        }
        if (source.get("fingerprint") instanceof String fingerprint && !fingerprint.isBlank()) {
            facts.add(new Fact("fingerprint", "Fingerprint", fingerprint, true));
        }
        if (source.get("rowsSkipped") instanceof Number skipped) {
            facts.add(new Fact(
                    "rowsSkipped",
                    "Rows skipped",
                    grouped(skipped.longValue()) + " (no application id, or no outcome)",
                    false));
        }
        return new RunSource(
                text(source.get("path")), text(source.get("format")), source.get("files") instanceof Number, facts);
    }

    /** Bytes in binary units with the exact count after it: {@code 1.5 MiB (1,572,864 bytes)}. */
    static String size(long bytes) {
        String exact = grouped(bytes) + (bytes == 1 ? " byte" : " bytes");
        if (bytes < 1024) {
            return exact;
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%s)", value, units[unit], exact);
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String text(Object value) {
        return value == null ? "–" : value.toString();
    }
}
