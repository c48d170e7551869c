package io.creditscoring.training.selection;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import io.creditscoring.training.run.stop.StopSignal;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.trainer.PreparedData;
import java.util.ArrayList;
import java.util.List;

/**
 * The stratified folds of a run's training rows, each prepared once (preprocessing fitted on the fold's own training
 * rows, so that nothing of the held-out rows leaks into it, and both vectorisations) and shared by every algorithm
 * and every trial of the search.
 */
public final class CrossValidationFolds {

    /**
     * One fold.
     *
     * @param heldOutRows the positions, among the run's training rows, of the rows this fold holds out (ascending)
     * @param data the fold's other rows to fit on and its held-out rows to score, no test rows
     */
    public record Fold(int index, int[] heldOutRows, PreparedData data) {}

    private final List<Fold> folds;
    private final int[] labels;

    private CrossValidationFolds(List<Fold> folds, int[] labels) {
        this.folds = List.copyOf(folds);
        this.labels = labels;
    }

    /** Assigns the training rows to {@code crossValidation.folds} stratified folds and prepares each. */
    public static CrossValidationFolds prepare(PortfolioSchema schema, List<LabelledRow> train, RunSettings settings) {
        int k = settings.crossValidation().folds();
        int[] labels = train.stream().mapToInt(r -> r.defaulted() ? 1 : 0).toArray();
        int[] foldOf = StratifiedFolds.assign(labels, k, settings.seed());
        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            StopSignal.checkpoint("before preparing cross-validation fold " + (f + 1));
            List<LabelledRow> fit = new ArrayList<>();
            List<LabelledRow> heldOut = new ArrayList<>();
            List<Integer> heldOutRows = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (foldOf[i] == f) {
                    heldOut.add(train.get(i));
                    heldOutRows.add(i);
                } else {
                    fit.add(train.get(i));
                }
            }
            FittedPreprocessing preprocessing = PreprocessingFitter.fit(schema, fit, settings.preprocessing());
            folds.add(new Fold(
                    f,
                    heldOutRows.stream().mapToInt(Integer::intValue).toArray(),
                    new PreparedData(schema, preprocessing, settings, fit, heldOut, List.of())));
        }
        return new CrossValidationFolds(folds, labels);
    }

    public List<Fold> folds() {
        return folds;
    }

    public int size() {
        return folds.size();
    }

    /** The outcomes of the run's training rows, in their order. */
    public int[] labels() {
        return labels.clone();
    }

    /** How many training rows the folds partition. */
    public int rows() {
        return labels.length;
    }
}
