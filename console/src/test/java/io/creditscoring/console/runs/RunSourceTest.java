package io.creditscoring.console.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSourceTest {

    /** A run view's {@code lineage.source} as the training service sends it (every field present, some null). */
    static Map<String, Object> source(
            String path, String format, Integer files, Long bytes, String etag, String fingerprint, Long skipped) {
        Map<String, Object> source = new HashMap<>();
        source.put("path", path);
        source.put("format", format);
        source.put("files", files);
        source.put("bytes", bytes);
        source.put("etag", etag);
        source.put("fingerprint", fingerprint);
        source.put("rowsSkipped", skipped);
        return source;
    }

    private static Map<String, Object> runWith(Map<String, Object> source) {
        Map<String, Object> lineage = new HashMap<>();
        lineage.put("datasetSha256", "ab12");
        lineage.put("source", source);
        return Map.of("runId", "r", "lineage", lineage);
    }

    @Test
    void showsWhatTheJobFoundAtAnObjectStorePath() {
        RunSource shown = RunSource.of(runWith(source(
                "s3a://training-data/taiwan/sample.csv",
                "csv",
                1,
                2_437_120L,
                "\"9b2cf535f27731c974343645a3985328\"",
                "sha256:0f3a",
                1L)));

        assertThat(shown.path()).isEqualTo("s3a://training-data/taiwan/sample.csv");
        assertThat(shown.format()).isEqualTo("csv");
        assertThat(shown.read()).isTrue();
        assertThat(shown.facts())
                .containsExactly(
                        new RunSource.Fact("files", "Files", "1 file", false),
                        new RunSource.Fact("bytes", "Size", "2.3 MiB (2,437,120 bytes)", false),
                        new RunSource.Fact("etag", "ETag", "\"9b2cf535f27731c974343645a3985328\"", true),
                        new RunSource.Fact("fingerprint", "Fingerprint", "sha256:0f3a", true),
                        new RunSource.Fact(
                                "rowsSkipped", "Rows skipped", "1 (no application id, or no outcome)", false));
    }

    @Test
    void aDirectoryOfManyFilesHasNoEtagAndAPathNotYetReadShowsOnlyWhatWasAskedFor() {
        RunSource directory = RunSource.of(
                runWith(source("file:///srv/datasets/taiwan/", "parquet", 1_200, 512L, null, "sha256:77", 0L)));
        assertThat(directory.facts())
                .extracting(RunSource.Fact::key, RunSource.Fact::value)
                .containsExactly(
                        tuple("files", "1,200 files"),
                        tuple("bytes", "512 bytes"),
                        tuple("fingerprint", "sha256:77"),
                        tuple("rowsSkipped", "0 (no application id, or no outcome)"));

        RunSource queued =
                RunSource.of(runWith(source("s3a://training-data/taiwan/", "parquet", null, null, null, null, null)));
        assertThat(queued.read()).isFalse();
        assertThat(queued.facts()).isEmpty();
        assertThat(queued.path()).isEqualTo("s3a://training-data/taiwan/");
    }

    @Test
    void aRunThatReadIngestionsTablesHasNoSource() {
        assertThat(RunSource.of(runWith(null))).isNull();
        assertThat(RunSource.of(Map.of("runId", "r"))).isNull();
        Map<String, Object> noLineage = new HashMap<>();
        noLineage.put("lineage", null);
        assertThat(RunSource.of(noLineage)).isNull();
    }

    @Test
    void sizesInBinaryUnitsWithTheExactCount() {
        assertThat(RunSource.size(0)).isEqualTo("0 bytes");
        assertThat(RunSource.size(1)).isEqualTo("1 byte");
        assertThat(RunSource.size(1023)).isEqualTo("1,023 bytes");
        assertThat(RunSource.size(1024)).isEqualTo("1.0 KiB (1,024 bytes)");
        assertThat(RunSource.size(5L << 40)).isEqualTo("5.0 TiB (5,497,558,138,880 bytes)");
    }
}
