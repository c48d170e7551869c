package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.training.TrainingProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run request's {@code source} may name, before any job reads it. */
class DatasetSourcesTest {

    private static final TrainingProperties.Sources ALLOWED =
            new TrainingProperties.Sources(List.of("training-data"), List.of());
    private static final PortfolioSchema TAIWAN = BundledPortfolios.taiwanCards();

    private static DatasetSources.Checked check(String path, String format) {
        return DatasetSources.check(new DatasetSource(path, format), "spark", TAIWAN, ALLOWED);
    }

    private static List<String> fields(DatasetSources.Checked checked) {
        return checked.violations().stream().map(SchemaViolation::field).toList();
    }

    @Test
    void anS3aPathInAnAllowedBucketIsReadWithItsFormatFromTheRequestOrTheExtension() {
        assertThat(check("s3a://training-data/taiwan/", "Parquet").source())
                .isEqualTo(new DatasetSource("s3a://training-data/taiwan/", "parquet"));
        assertThat(check("S3A://training-data/taiwan/2026.csv", null).source())
                .isEqualTo(new DatasetSource("s3a://training-data/taiwan/2026.csv", "csv"));
    }

    @Test
    void otherBucketsSchemesAndFormatsAreRefused() {
        assertThat(fields(check("s3a://someone-elses/data.csv", null))).containsExactly("source.path");
        assertThat(fields(check("s3://training-data/data.csv", null))).containsExactly("source.path");
        assertThat(fields(check("http://169.254.169.254/latest/", "csv"))).containsExactly("source.path");
        assertThat(fields(check("s3a://key:secret@training-data/data.csv", null)))
                .containsExactly("source.path");
        assertThat(fields(check("s3a://training-data/taiwan/", null))).containsExactly("source.format");
        assertThat(fields(check("s3a://training-data/data.json", "json"))).containsExactly("source.format");
        assertThat(fields(check(" ", "csv"))).containsExactly("source.path");
    }

    /** A file: path checked against one allowed directory, {@code datasets} in a temporary directory. */
    private static DatasetSources.Checked checkFile(Path file, Path allowedDirectory) {
        return checkFile(file.toUri().toString(), allowedDirectory);
    }

    private static DatasetSources.Checked checkFile(String path, Path allowedDirectory) {
        return DatasetSources.check(
                new DatasetSource(path, "csv"),
                "spark",
                TAIWAN,
                new TrainingProperties.Sources(List.of(), List.of(allowedDirectory.toString())));
    }

    private static String reason(DatasetSources.Checked checked) {
        assertThat(checked.source()).isNull();
        assertThat(fields(checked)).containsExactly("source.path");
        return checked.violations().getFirst().message();
    }

    private static Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "ID,default.payment.next.month\n1,0\n");
    }

    @Test
    void aFilePathUnderAnAllowedDirectoryIsReadAtItsRealPath(@TempDir Path temp) throws IOException {
        Path datasets = Files.createDirectory(temp.resolve("datasets"));
        Path part = file(datasets.resolve("taiwan/part-0.csv"));
        String real = part.toRealPath().toUri().toString();

        assertThat(checkFile(part, datasets).source()).isEqualTo(new DatasetSource(real, "csv"));
        // the allowed directory named through a link of its own: both spellings of the file are under it
        Path linkToDatasets = Files.createSymbolicLink(temp.resolve("current"), datasets);
        assertThat(checkFile(part, linkToDatasets).source()).isEqualTo(new DatasetSource(real, "csv"));
        assertThat(checkFile(linkToDatasets.resolve("taiwan/part-0.csv"), linkToDatasets)
                        .source())
                .isEqualTo(new DatasetSource(real, "csv"));
        // a link that stays inside is read where it leads
        Path latest = Files.createSymbolicLink(datasets.resolve("latest"), datasets.resolve("taiwan"));
        assertThat(checkFile(latest, datasets).source())
                .isEqualTo(new DatasetSource(
                        datasets.resolve("taiwan").toRealPath().toUri().toString(), "csv"));
    }

    @Test
    void aFilePathMustLieUnderAnAllowedDirectoryEvenAfterDotDot(@TempDir Path temp) throws IOException {
        Path datasets = Files.createDirectory(temp.resolve("datasets"));
        Path outside = file(temp.resolve("datasets-other/x.csv"));

        assertThat(reason(checkFile(datasets.toUri() + "../datasets-other/x.csv", datasets)))
                .contains("is not under training.spark.sources.allowed-directories");
        assertThat(reason(checkFile(outside, datasets))).contains("is not under");
        assertThat(fields(checkFile("file://host" + datasets + "/x.csv", datasets)))
                .containsExactly("source.path");
    }

    @Test
    void aSymbolicLinkInAnAllowedDirectoryThatLeadsOutIsRefused(@TempDir Path temp) throws IOException {
        Path datasets = Files.createDirectory(temp.resolve("datasets"));
        Path secret = file(temp.resolve("secret/keys.csv"));
        Path toFile = Files.createSymbolicLink(datasets.resolve("taiwan.csv"), secret);
        Path toDirectory = Files.createSymbolicLink(datasets.resolve("taiwan"), secret.getParent());

        assertThat(reason(checkFile(toFile, datasets)))
                .isEqualTo("'" + toFile + "' leads out of training.spark.sources.allowed-directories"
                        + " through a symbolic link");
        assertThat(reason(checkFile(toDirectory, datasets))).contains("through a symbolic link");
        assertThat(reason(checkFile(toDirectory.resolve("keys.csv"), datasets))).contains("through a symbolic link");
    }

    @Test
    void aDirectoryIsRefusedWhenAnEntryBelowItLeadsOut(@TempDir Path temp) throws IOException {
        Path datasets = Files.createDirectory(temp.resolve("datasets"));
        Path secret = file(temp.resolve("secret/keys.csv"));
        Path taiwan = datasets.resolve("taiwan");
        file(taiwan.resolve("part-0.csv"));
        Files.createSymbolicLink(
                Files.createDirectories(taiwan.resolve("month=12")).resolve("part-1.csv"), secret);

        assertThat(reason(checkFile(taiwan, datasets)))
                .isEqualTo("'" + taiwan + "' holds 'month=12/part-1.csv', a symbolic link out of"
                        + " training.spark.sources.allowed-directories");

        Path loop = Files.createDirectories(datasets.resolve("loop"));
        Files.createSymbolicLink(loop.resolve("again"), loop);
        assertThat(reason(checkFile(loop, datasets))).isEqualTo("'" + loop + "' holds a symbolic link loop at 'again'");

        Path dangling = Files.createDirectories(datasets.resolve("dangling"));
        Files.createSymbolicLink(dangling.resolve("gone.csv"), temp.resolve("gone.csv"));
        assertThat(reason(checkFile(dangling, datasets)))
                .isEqualTo("'" + dangling + "' holds 'gone.csv', which cannot be read");
    }

    @Test
    void aPathThatDoesNotExistIsRefusedButOnlyInsideAnAllowedDirectory(@TempDir Path temp) throws IOException {
        Path datasets = Files.createDirectory(temp.resolve("datasets"));
        Path missing = datasets.resolve("taiwan/2027.csv");

        assertThat(reason(checkFile(missing, datasets))).isEqualTo("'" + missing + "' does not exist");
        // outside, whether a file exists is nobody's business: the same answer for /etc/passwd and a missing file
        assertThat(reason(checkFile("file:///etc/passwd", datasets))).contains("is not under");
        assertThat(reason(checkFile("file:///etc/no-such-file", datasets))).contains("is not under");
        // an allowed directory that does not exist holds nothing
        Path absent = temp.resolve("absent");
        assertThat(reason(checkFile(absent.resolve("x.csv"), absent))).contains("does not exist");
    }

    @Test
    void onlyTheSparkEngineReadsAPathAndOnlyForASchemaWithIdAndTargetColumns() {
        assertThat(fields(DatasetSources.check(
                        new DatasetSource("s3a://training-data/x.csv", null), "local", TAIWAN, ALLOWED)))
                .containsExactly("source");
        PortfolioSchema noIds =
                new PortfolioSchema("no-ids", null, null, TAIWAN.target(), TAIWAN.csv(), TAIWAN.features());
        assertThat(fields(DatasetSources.check(
                        new DatasetSource("s3a://training-data/x.csv", null), "spark", noIds, ALLOWED)))
                .containsExactly("source");
    }
}
