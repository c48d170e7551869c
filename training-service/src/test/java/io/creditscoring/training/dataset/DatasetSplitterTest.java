package io.creditscoring.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.training.TrainingProperties;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetSplitterTest {

    private static List<LabelledRow> rows(int n, Instant start) {
        List<LabelledRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new LabelledRow(
                    String.format("%05d", i),
                    start == null ? null : start.plus(i, ChronoUnit.DAYS),
                    Map.of(),
                    i % 5 == 0));
        }
        return rows;
    }

    @Test
    void stratifiedSplitIsSeededAndKeepsTheDefaultRate() {
        var settings = new TrainingProperties.Split(0.2, false, 60);
        DataSplit a = DatasetSplitter.split(rows(1000, null), settings, 42);
        DataSplit b = DatasetSplitter.split(rows(1000, null), settings, 42);
        DataSplit c = DatasetSplitter.split(rows(1000, null), settings, 43);

        assertThat(a.train()).hasSize(800);
        assertThat(a.test()).hasSize(200);
        assertThat(a.test().stream().filter(LabelledRow::defaulted).count()).isEqualTo(40);
        assertThat(a.test()).isEqualTo(b.test());
        assertThat(a.test()).isNotEqualTo(c.test());
    }

    /** The labels-only rule a Spark run's split is checked against is the stratified split's own. */
    @Test
    void theLabelsOnlyRuleGivesTheStratifiedSplitsTestRows() {
        var settings = new TrainingProperties.Split(0.2, false, 60);
        List<LabelledRow> rows = rows(1000, null);
        boolean[] defaulted = new boolean[rows.size()];
        for (int i = 0; i < defaulted.length; i++) {
            defaulted[i] = rows.get(i).defaulted();
        }
        boolean[] test = DatasetSplitter.stratifiedTestRows(defaulted, 0.2, 42);

        List<LabelledRow> tested = new ArrayList<>();
        for (int i = 0; i < test.length; i++) {
            if (test[i]) {
                tested.add(rows.get(i));
            }
        }
        assertThat(tested).isEqualTo(DatasetSplitter.split(rows, settings, 42).test());
    }

    @Test
    void outOfTimeSplitTestsOnTheNewestApplications() {
        var settings = new TrainingProperties.Split(0.2, true, 60);
        DataSplit split = DatasetSplitter.split(rows(200, Instant.parse("2024-01-01T00:00:00Z")), settings, 42);

        assertThat(split.kind()).isEqualTo("OUT_OF_TIME");
        assertThat(split.test().getFirst().submittedAt())
                .isAfter(split.train().getLast().submittedAt());
    }

    @Test
    void outOfTimeFallsBackToStratifiedWhenTimesAreMissing() {
        var settings = new TrainingProperties.Split(0.2, true, 60);
        DataSplit split = DatasetSplitter.split(rows(200, null), settings, 42);

        assertThat(split.kind()).isEqualTo("STRATIFIED");
        assertThat(split.note()).contains("no submission time");
    }
}
