package io.creditscoring.training.dataset;

import java.util.List;

/**
 * The training and test rows of a run. Models are compared by cross-validation on the training rows; the test rows
 * are used once, to evaluate the models refitted on all training rows.
 *
 * @param kind STRATIFIED or OUT_OF_TIME
 * @param note how the split was made, for the report (for example why an out-of-time split was not possible)
 */
public record DataSplit(List<LabelledRow> train, List<LabelledRow> test, String kind, String note) {

    public DataSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
