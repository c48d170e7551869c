package io.creditscoring.training.trainer;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.ModelVectorizer;
import io.creditscoring.training.settings.RunSettings;
import java.util.List;
import java.util.Map;

/**
 * Rows turned into model vectors, once for the scaled preprocessing and once for the tree one, with the labels
 * (1 = defaulted), in three parts: the rows a model is fitted on, the held-out rows it is scored on while it fits
 * (a cross-validation fold: early stopping and the fold's AUC), and the test rows (the refit on all training rows).
 * A part may be empty: a fold has no test rows, a refit no held-out rows. Trainers read from here; nothing here
 * depends on a model library.
 */
public final class PreparedData {

    private final PortfolioSchema schema;
    private final FittedPreprocessing preprocessing;
    private final RunSettings settings;
    private final Matrices scaled;
    private final Matrices trees;
    private final int[] yTrain;
    private final int[] yHeldOut;
    private final int[] yTest;

    public PreparedData(
            PortfolioSchema schema,
            FittedPreprocessing preprocessing,
            RunSettings settings,
            List<LabelledRow> train,
            List<LabelledRow> heldOut,
            List<LabelledRow> test) {
        this(
                schema,
                preprocessing,
                settings,
                Matrices.of(preprocessing.scaled(), train, heldOut, test),
                Matrices.of(preprocessing.trees(), train, heldOut, test),
                labels(train),
                labels(heldOut),
                labels(test));
    }

    private PreparedData(
            PortfolioSchema schema,
            FittedPreprocessing preprocessing,
            RunSettings settings,
            Matrices scaled,
            Matrices trees,
            int[] yTrain,
            int[] yHeldOut,
            int[] yTest) {
        this.schema = schema;
        this.preprocessing = preprocessing;
        this.settings = settings;
        this.scaled = scaled;
        this.trees = trees;
        this.yTrain = yTrain;
        this.yHeldOut = yHeldOut;
        this.yTest = yTest;
    }

    /** The same vectors under other settings (a trial of the search); the vectors are shared, not copied. */
    public PreparedData withSettings(RunSettings other) {
        return new PreparedData(schema, preprocessing, other, scaled, trees, yTrain, yHeldOut, yTest);
    }

    public PortfolioSchema schema() {
        return schema;
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

    public int[] yHeldOut() {
        return yHeldOut;
    }

    public int[] yTest() {
        return yTest;
    }

    private static int[] labels(List<LabelledRow> rows) {
        return rows.stream().mapToInt(r -> r.defaulted() ? 1 : 0).toArray();
    }

    /** The model vectors of each part under one preprocessing. */
    public record Matrices(Preprocessing preprocessing, double[][] train, double[][] heldOut, double[][] test) {

        static Matrices of(
                Preprocessing p, List<LabelledRow> train, List<LabelledRow> heldOut, List<LabelledRow> test) {
            return new Matrices(p, matrix(p, train), matrix(p, heldOut), matrix(p, test));
        }

        private static double[][] matrix(Preprocessing p, List<LabelledRow> rows) {
            List<Map<String, Object>> features =
                    rows.stream().map(LabelledRow::features).toList();
            return ModelVectorizer.matrix(p, features);
        }
    }
}
