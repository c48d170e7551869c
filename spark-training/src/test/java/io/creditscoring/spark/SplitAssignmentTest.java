package io.creditscoring.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The split as a distributed table, built by the tasks from the driver's broadcast arrays. */
class SplitAssignmentTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder("SplitAssignmentTest", 2, 2).getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void everyApplicationKeepsItsPartFoldAndPlaceThroughTheBroadcast() {
        // ids of different lengths and outside ASCII, test rows with fold -1
        List<String> ids = List.of("a-1", "b-22", "ç-333", "d", "e-55555", "f-6");
        byte[] parts = {0, 1, 0, 0, 1, 0};
        int[] folds = {2, -1, 0, 4, -1, 1};

        List<Row> rows = SplitAssignment.of(ids, parts, folds)
                .dataset(spark)
                .orderBy(LabelledRowsReader.ID)
                .collectAsList();

        assertThat(rows)
                .extracting(r -> r.getString(0) + ":" + r.getInt(1) + ":" + r.getInt(2) + ":" + r.getInt(3))
                .containsExactly("a-1:0:2:0", "b-22:1:-1:1", "d:0:4:3", "e-55555:1:-1:4", "f-6:0:1:5", "ç-333:0:0:2");
    }

    @Test
    void arraysOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> SplitAssignment.of(List.of("a", "b"), new byte[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one entry per application");
    }
}
