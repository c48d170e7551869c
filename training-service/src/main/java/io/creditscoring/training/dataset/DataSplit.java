package io.creditscoring.training.dataset;

import java.util.List;

/**
 * The train, validation and test rows of a run.
 *
 * @param kind STRATIFIED or OUT_OF_TIME
 * @param note how the split was made, for the report (for example why an out-of-time split was not possible)
 */
public record DataSplit(
        List<LabelledRow> train, List<LabelledRow> validation, List<LabelledRow> test, String kind, String note) {

    public DataSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
