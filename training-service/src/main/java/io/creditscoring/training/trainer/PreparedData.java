package io.creditscoring.training.trainer;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.dataset.DataSplit;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.ModelVectorizer;
import io.creditscoring.training.settings.RunSettings;
import java.util.List;
import java.util.Map;

/**
 * A run's split turned into model vectors, once for the scaled preprocessing and once for the tree one, with the
 * labels (1 = defaulted). Trainers read from here; nothing here depends on a model library.
 */
public final class PreparedData {

    private final PortfolioSchema schema;
    private final DataSplit split;
    private final FittedPreprocessing preprocessing;
    private final RunSettings settings;
    private final Matrices scaled;
    private final Matrices trees;
    private final int[] yTrain;
    private final int[] yValidation;
    private final int[] yTest;

    public PreparedData(
            PortfolioSchema schema, DataSplit split, FittedPreprocessing preprocessing, RunSettings settings) {
        this.schema = schema;
        this.split = split;
        this.preprocessing = preprocessing;
        this.settings = settings;
        this.scaled = Matrices.of(preprocessing.scaled(), split);
        this.trees = Matrices.of(preprocessing.trees(), split);
        this.yTrain = labels(split.train());
        this.yValidation = labels(split.validation());
        this.yTest = labels(split.test());
    }

    public PortfolioSchema schema() {
        return schema;
    }

    public DataSplit split() {
        return split;
    }

    public FittedPreprocessing preprocessing() {
        return preprocessing;
    }

    public RunSettings settings() {
        return settings;
    }

    /** Vectors for linear models and neural networks. */
    public Matrices scaled() {
        return scaled;
    }

    /** Vectors for tree ensembles. */
    public Matrices trees() {
        return trees;
    }

    public int[] yTrain() {
        return yTrain;
    }

    public int[] yValidation() {
        return yValidation;
    }

    public int[] yTest() {
        return yTest;
    }

    private static int[] labels(List<LabelledRow> rows) {
        return rows.stream().mapToInt(r -> r.defaulted() ? 1 : 0).toArray();
    }

    /** The model vectors of each split under one preprocessing. */
    public record Matrices(Preprocessing preprocessing, double[][] train, double[][] validation, double[][] test) {

        static Matrices of(Preprocessing p, DataSplit split) {
            return new Matrices(p, matrix(p, split.train()), matrix(p, split.validation()), matrix(p, split.test()));
        }

        private static double[][] matrix(Preprocessing p, List<LabelledRow> rows) {
            List<Map<String, Object>> features =
                    rows.stream().map(LabelledRow::features).toList();
            return ModelVectorizer.matrix(p, features);
        }
    }
}
