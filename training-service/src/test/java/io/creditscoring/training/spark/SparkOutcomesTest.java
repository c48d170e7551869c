package io.creditscoring.training.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.training.dataset.DatasetSplitter;
import io.creditscoring.training.selection.StratifiedFolds;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The service's check of a Spark job's split and folds: it holds no rows of its own for a Spark run, only the job's
 * labels, parts and folds in the job's row order, and applies the local engine's rules to those labels.
 */
class SparkOutcomesTest {

    private static final RunSettings SETTINGS = TestSettings.run(Map.of("crossValidation.folds", 3));

    /** A job's rows split and folded by the local engine's rules. */
    private static SparkJobOutputs.Rows rows(int n) {
        Random random = new Random(7);
        boolean[] defaulted = new boolean[n];
        byte[] labels = new byte[n];
        int defaults = 0;
        for (int i = 0; i < n; i++) {
            defaulted[i] = random.nextInt(5) == 0;
            labels[i] = (byte) (defaulted[i] ? 1 : 0);
            defaults += labels[i];
        }
        boolean[] test =
                DatasetSplitter.stratifiedTestRows(defaulted, SETTINGS.split().testShare(), SETTINGS.seed());
        byte[] parts = new byte[n];
        int training = 0;
        for (int i = 0; i < n; i++) {
            parts[i] = test[i] ? SparkJobOutputs.Rows.TEST : SparkJobOutputs.Rows.TRAIN;
            training += test[i] ? 0 : 1;
        }
        int[] trainingLabels = new int[training];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (!test[i]) {
                trainingLabels[t++] = labels[i];
            }
        }
        int[] trainingFolds = StratifiedFolds.assign(trainingLabels, 3, SETTINGS.seed());
        int[] folds = new int[n];
        t = 0;
        for (int i = 0; i < n; i++) {
            folds[i] = test[i] ? -1 : trainingFolds[t++];
        }
        return new SparkJobOutputs.Rows("hash", defaults, labels, parts, folds);
    }

    @Test
    void theLocalRulesSplitOfTheJobsLabelsIsAccepted() {
        SparkJobOutputs.Rows rows = rows(500);

        assertThatCode(() -> SparkOutcomes.requireLocalSplit(rows, SETTINGS)).doesNotThrowAnyException();
        assertThat(rows.count(SparkJobOutputs.Rows.TEST)).isEqualTo(100);
        assertThat(rows.trainingFolds()).hasSize(400).doesNotContain(-1);
    }

    @Test
    void aJobThatSplitOtherwiseFailsTheRun() {
        SparkJobOutputs.Rows rows = rows(500);
        int first = 0;
        while (rows.parts()[first] != SparkJobOutputs.Rows.TEST) {
            first++;
        }
        rows.parts()[first] = SparkJobOutputs.Rows.TRAIN;

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, SETTINGS))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("split differs from the local engine's at row " + (first + 1));
    }

    @Test
    void aJobThatFoldedOtherwiseFailsTheRun() {
        SparkJobOutputs.Rows rows = rows(500);
        int first = 0;
        while (rows.parts()[first] != SparkJobOutputs.Rows.TRAIN) {
            first++;
        }
        rows.folds()[first] = (rows.folds()[first] + 1) % 3;

        assertThatThrownBy(() -> SparkOutcomes.requireLocalSplit(rows, SETTINGS))
                .isInstanceOf(SparkJobFailedException.class)
                .hasMessageContaining("folds differ");
    }
}
