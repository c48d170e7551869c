package io.creditscoring.training.spark;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.training.TrainingProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the {@code source} of a run request before the run is queued: only {@code s3a://} paths in an allowed bucket
 * and {@code file:} paths under an allowed directory ({@code training.spark.sources}; at their real paths, symbolic
 * links resolved: {@link AllowedFilePath}), so that a request cannot make the job read a bucket, a file or an address
 * nobody chose; a format the job reads; a schema that names the id and target columns; the Spark engine.
 */
public final class DatasetSources {

    static final int MAX_PATH_LENGTH = 2_000;

    private DatasetSources() {}

    /**
     * The source as the job will read it (scheme and format in lower case, a {@code file:} path at its real path), or
     * the reasons it is refused, each with its field.
     */
    public record Checked(DatasetSource source, List<SchemaViolation> violations) {}

    public static Checked check(
            DatasetSource requested, String engine, PortfolioSchema schema, TrainingProperties.Sources allowed) {
        List<SchemaViolation> violations = new ArrayList<>();
        if (!"spark".equals(engine)) {
            violations.add(new SchemaViolation(
                    "source", "a data set at a path is read by the Spark engine only; ask for engine spark"));
        }
        if (schema.idColumn() == null || schema.target() == null) {
            violations.add(new SchemaViolation(
                    "source",
                    "portfolio '" + schema.portfolio() + "' names no id column or no target column in its schema;"
                            + " a data set at a path needs both"));
        }
        String path = requested.path() == null ? "" : requested.path().trim();
        String normalised = null;
        if (path.isEmpty()) {
            violations.add(new SchemaViolation("source.path", "a path is required"));
        } else if (path.length() > MAX_PATH_LENGTH) {
            violations.add(new SchemaViolation("source.path", "at most " + MAX_PATH_LENGTH + " characters"));
        } else {
            normalised = path(path, allowed, violations);
        }
        String format = format(requested.format(), path, violations);
        return new Checked(
                violations.isEmpty() ? new DatasetSource(normalised, format) : null, List.copyOf(violations));
    }

    private static String path(String path, TrainingProperties.Sources allowed, List<SchemaViolation> violations) {
        URI uri;
        try {
            uri = new URI(path);
        } catch (URISyntaxException e) {
            violations.add(new SchemaViolation("source.path", "not a valid URI: " + e.getReason()));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("s3a")) {
            String bucket = uri.getRawAuthority();
            if (bucket == null || bucket.isEmpty() || bucket.contains("@") || bucket.contains(":")) {
                violations.add(new SchemaViolation("source.path", "an s3a:// path names its bucket: s3a://bucket/key"));
                return null;
            }
            if (!allowed.allowedBuckets().contains(bucket)) {
                violations.add(new SchemaViolation(
                        "source.path",
                        "bucket '" + bucket + "' is not in training.spark.sources.allowed-buckets "
                                + allowed.allowedBuckets()));
                return null;
            }
            return "s3a" + path.substring(scheme.length());
        }
        if (scheme.equals("file")) {
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty() || uri.getPath() == null) {
                violations.add(new SchemaViolation(
                        "source.path", "a file: path is local and absolute: file:///directory/file"));
                return null;
            }
            return AllowedFilePath.check(Path.of(uri.getPath()), allowed.allowedDirectories(), violations);
        }
        violations.add(new SchemaViolation(
                "source.path", "only s3a://bucket/... and file: paths are read; got '" + path + "'"));
        return null;
    }

    private static String format(String requested, String path, List<SchemaViolation> violations) {
        if (requested != null && !requested.isBlank()) {
            String format = requested.trim().toLowerCase(Locale.ROOT);
            if (!format.equals(DatasetSource.CSV) && !format.equals(DatasetSource.PARQUET)) {
                violations.add(new SchemaViolation("source.format", "csv or parquet, got '" + requested + "'"));
            }
            return format;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return DatasetSource.PARQUET;
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return DatasetSource.CSV;
        }
        violations.add(new SchemaViolation(
                "source.format", "csv or parquet: the path's extension does not tell, so the request must"));
        return null;
    }
}
