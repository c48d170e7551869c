package io.creditscoring.training.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.training.SyntheticCredit;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.evaluation.Metrics;
import io.creditscoring.training.selection.CrossValidationFolds;
import io.creditscoring.training.selection.CrossValidationScore;
import io.creditscoring.training.selection.CrossValidator;
import io.creditscoring.training.settings.RunSettings;
import io.creditscoring.training.settings.TestSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainers under cross-validation, on 600 synthetic rows and 3 folds: no Spring, no database. */
class CrossValidatedTrainersTest {

    private static final PortfolioSchema SCHEMA = SyntheticCredit.schema("synthetic");
    private static final List<LabelledRow> ROWS = SyntheticCredit.rows("s-", 600, 7);

    private static RunSettings settings(int parallelism) {
        return TestSettings.run(Map.of(
                "crossValidation.folds", 3,
                "crossValidation.parallelism", parallelism,
                "xgboost.threads", 1,
                "neuralNetwork.maxEpochs", 12,
                "neuralNetwork.patience", 3));
    }

    @Test
    void outOfFoldPredictionsCoverEveryRowWithItsOwnFoldsModel() {
        RunSettings settings = settings(1);
        CrossValidationFolds folds = CrossValidationFolds.prepare(SCHEMA, ROWS, settings);
        CrossValidationScore score = CrossValidator.score(new LogisticRegressionTrainer(), folds, settings);

        assertThat(score.outOfFold()).hasSize(600);
        assertThat(Arrays.stream(score.outOfFold()).allMatch(p -> p > 0 && p < 1))
                .isTrue();
        int[] labels = folds.labels();
        for (CrossValidationFolds.Fold fold : folds.folds()) {
            int[] rows = fold.heldOutRows();
            assertThat(rows.length).isBetween(199, 201);
            // the fold's model, fitted without these rows, scores them: the out-of-fold entries are its predictions
            FoldFit direct = new LogisticRegressionTrainer().fitFold(fold.data());
            double[] stored =
                    Arrays.stream(rows).mapToDouble(i -> score.outOfFold()[i]).toArray();
            assertThat(stored).containsExactly(direct.heldOutProbabilities());
            int[] y = Arrays.stream(rows).map(i -> labels[i]).toArray();
            assertThat(score.foldAucs()[fold.index()]).isEqualTo(Metrics.auc(y, stored));
        }
        assertThat(score.meanAuc()).isGreaterThan(0.7);
    }

    @Test
    void xgboostsRefitWithTheFoldsRoundsIsTheModelTheFoldScored() {
        RunSettings settings = settings(1);
        CrossValidationFolds.Fold fold =
                CrossValidationFolds.prepare(SCHEMA, ROWS, settings).folds().getFirst();
        XgboostTrainer trainer = new XgboostTrainer();

        FoldFit early = trainer.fitFold(fold.data());
        FittedModel refit = trainer.fit(heldOutAsTest(fold, settings), early.iterations());

        assertThat(early.iterations())
                .isPositive()
                .isLessThan(settings.xgboost().maxRounds());
        assertThat(((TreeEnsembleModel) refit.model()).trees()).hasSize(early.iterations());
        assertSamePredictions(refit.testProbabilities(), early.heldOutProbabilities(), 1e-7);
    }

    @Test
    void theNetworksRefitWithTheFoldsEpochsIsTheNetworkTheFoldScored() {
        RunSettings settings = settings(1);
        CrossValidationFolds.Fold fold =
                CrossValidationFolds.prepare(SCHEMA, ROWS, settings).folds().getFirst();
        NeuralNetworkTrainer trainer = new NeuralNetworkTrainer();

        FoldFit early = trainer.fitFold(fold.data());
        FittedModel refit = trainer.fit(heldOutAsTest(fold, settings), early.iterations());

        assertThat(early.iterations()).isPositive();
        assertThat(refit.details()).containsEntry("epochs", Integer.toString(early.iterations()));
        assertSamePredictions(refit.testProbabilities(), early.heldOutProbabilities(), 1e-12);
    }

    /** The fold's rows to fit on, with its held-out rows as the test rows a refit scores. */
    private static PreparedData heldOutAsTest(CrossValidationFolds.Fold fold, RunSettings settings) {
        List<LabelledRow> fit = new ArrayList<>();
        List<LabelledRow> heldOut = new ArrayList<>();
        int[] held = fold.heldOutRows();
        for (int i = 0, h = 0; i < ROWS.size(); i++) {
            if (h < held.length && held[h] == i) {
                heldOut.add(ROWS.get(i));
                h++;
            } else {
                fit.add(ROWS.get(i));
            }
        }
        return new PreparedData(SCHEMA, fold.data().preprocessing(), settings, fit, List.of(), heldOut);
    }

    private static void assertSamePredictions(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("row %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Test
    void foldsFittedInParallelScoreExactlyAsFoldsFittedInTurn() {
        CrossValidationFolds folds = CrossValidationFolds.prepare(SCHEMA, ROWS, settings(1));
        NeuralNetworkTrainer trainer = new NeuralNetworkTrainer();

        CrossValidationScore inTurn = CrossValidator.score(trainer, folds, settings(1));
        CrossValidationScore inParallel = CrossValidator.score(trainer, folds, settings(3));

        assertThat(inParallel.outOfFold()).containsExactly(inTurn.outOfFold());
        assertThat(inParallel.foldIterations()).containsExactly(inTurn.foldIterations());
        assertThat(inTurn.iterations()).isPositive();
    }
}
