package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.training.TrainingProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run request's {@code source} may name, before any job reads it. */
class DatasetSourcesTest {

    private static final TrainingProperties.Sources ALLOWED =
            new TrainingProperties.Sources(List.of("training-data"), List.of("/srv/datasets"));
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

    @Test
    void aFilePathMustLieUnderAnAllowedDirectoryEvenAfterDotDot() {
        assertThat(check("file:///srv/datasets/taiwan/part-0.parquet", null).source())
                .isEqualTo(new DatasetSource("file:///srv/datasets/taiwan/part-0.parquet", "parquet"));
        assertThat(fields(check("file:///srv/datasets/../../etc/passwd", "csv")))
                .containsExactly("source.path");
        assertThat(fields(check("file:///srv/datasets-other/x.csv", null))).containsExactly("source.path");
        assertThat(fields(check("file://host/srv/datasets/x.csv", null))).containsExactly("source.path");
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
