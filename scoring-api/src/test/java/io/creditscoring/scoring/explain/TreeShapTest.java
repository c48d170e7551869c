package io.creditscoring.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.scoring.fixtures.XgboostTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeShapTest {

    /**
     * Three columns over depth 6 or 7 split on the same column again and again along a path. Depth 6 trees have at
     * most 63 internal nodes, so all have tables; at depth 7 some have more than 64 and are walked. Depth 1 (stumps:
     * one pair of leaves and nothing above it) and 2 are the smallest shapes of the leaf groups' tables; at depth 6
     * there are groups of two, three and four leaves whose nodes split again on a column of the path above them.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 7})
    void matchesXgboostPredictContribOnEveryRowIncludingMissingValues(int depth) throws Exception {
        int rows = 2_000;
        float[] x = XgboostTrees.syntheticRows(rows, 7, true);
        Booster booster = XgboostTrees.train(x, rows, 30, depth, 7);
        TreeEnsembleModel ensemble = XgboostTrees.ensemble(booster);
        ModelPipeline pipeline = new ModelPipeline(
                "p",
                Algorithm.XGBOOST,
                new Preprocessing(XgboostTrees.FEATURES.stream()
                        .<InputTransform>map(NumericInput::raw)
                        .toList()),
                ensemble,
                Map.of());
        PipelineEvaluator evaluator = new PipelineEvaluator(pipeline);
        FastTreeShap shap = (FastTreeShap) ReasonExplainer.forPipeline(pipeline, evaluator, null);
        TreeShap walk = new TreeShap(pipeline.preprocessing(), evaluator, ensemble);
        if (depth <= 6) {
            assertThat(shap.fallbackTrees())
                    .as("trees walked instead of tables")
                    .isZero();
        } else {
            assertThat(shap.fallbackTrees()).as("trees over 64 internal nodes").isBetween(1, 29);
        }
        if (depth == 6) {
            List<LeafGroup> groups = ensemble.trees().stream()
                    .flatMap(tree -> TreeTables.of(tree, FastTreeShap.MAX_PATH_COLUMNS).groups().stream())
                    .toList();
            assertThat(groups)
                    .extracting(LeafGroup::nodes)
                    .as("groups of two, three and four leaves")
                    .contains(1, 2, 3);
            assertThat(groups)
                    .as("groups whose nodes split on a column of the path above them")
                    .anyMatch(group -> group.specialPlaces() != 0);
        }

        DMatrix matrix = new DMatrix(x, rows, 3, Float.NaN);
        float[][] expected = booster.predictContrib(matrix, 0);
        float[][] margins = booster.predict(matrix, true);

        double worst = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = {x[i * 3], x[i * 3 + 1], x[i * 3 + 2]};
            double[] phi = shap.columnContributions(row);
            double[] walked = walk.columnContributions(row);
            for (int j = 0; j < 4; j++) {
                worst = Math.max(worst, Math.abs(phi[j] - expected[i][j]));
                assertThat(phi[j]).as("row %d column %d", i, j).isCloseTo(expected[i][j], within(1e-5));
                assertThat(walked[j]).as("walk, row %d column %d", i, j).isCloseTo(expected[i][j], within(1e-5));
            }
            assertThat(evaluator.margin(row)).isCloseTo(margins[i][0], within(1e-5));
            assertThat(phi[0] + phi[1] + phi[2] + phi[3])
                    .isCloseTo(evaluator.margin(row), within(FastTreeShapGoldenTest.FLOAT_TABLES));
            assertThat(walked[0] + walked[1] + walked[2] + walked[3]).isCloseTo(evaluator.margin(row), within(1e-9));
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void givesEachFeatureTheSumOfItsColumns() throws Exception {
        float[] x = XgboostTrees.syntheticRows(200, 3, false);
        Booster booster = XgboostTrees.train(x, 200, 5, 3, 3);
        ModelPipeline pipeline = new ModelPipeline(
                "p",
                Algorithm.XGBOOST,
                new Preprocessing(XgboostTrees.FEATURES.stream()
                        .<InputTransform>map(NumericInput::raw)
                        .toList()),
                XgboostTrees.ensemble(booster),
                Map.of());
        FastTreeShap shap = (FastTreeShap) ReasonExplainer.forPipeline(pipeline, new PipelineEvaluator(pipeline), null);
        Map<String, Object> applicant = Map.of("LIMIT_BAL", 20_000.0, "PAY_0", 3.0, "BILL_AMT1", 150_000.0);

        double[] byFeature = shap.contributions(applicant);
        double[] byColumn = shap.columnContributions(new double[] {20_000, 3, 150_000});

        assertThat(byFeature).containsExactly(new double[] {byColumn[0], byColumn[1], byColumn[2]}, within(1e-12));
        assertThat(byFeature[1]).as("two months late raises the risk").isPositive();
    }

    /**
     * The tables keep columns in shorts, so a model vector of 32,767 columns or more (a categorical feature of that
     * many categories, say) is explained by the walk: here the trees split on the last three of 33,003 columns.
     */
    @Test
    void walksEveryTreeOfAModelVectorTooWideForTheTables() throws Exception {
        int rows = 50;
        float[] x = XgboostTrees.syntheticRows(rows, 11, false);
        Booster booster = XgboostTrees.train(x, rows, 5, 3, 11);
        List<InputTransform> inputs = new ArrayList<>();
        inputs.add(new CategoricalInput(
                "branch", IntStream.range(0, 33_000).mapToObj(i -> "b" + i).toList()));
        XgboostTrees.FEATURES.stream().map(NumericInput::raw).forEach(inputs::add);
        Preprocessing preprocessing = new Preprocessing(inputs);
        int offset = preprocessing.width() - 3;
        TreeEnsembleModel narrow = XgboostTrees.ensemble(booster);
        List<Tree> shifted = new ArrayList<>();
        for (Tree t : narrow.trees()) {
            int[] column = t.featureIndex().clone();
            for (int n = 0; n < column.length; n++) {
                column[n] += column[n] < 0 ? 0 : offset;
            }
            shifted.add(
                    new Tree(t.left(), t.right(), column, t.threshold(), t.defaultLeft(), t.leafValue(), t.cover()));
        }
        TreeEnsembleModel ensemble = new TreeEnsembleModel(shifted, narrow.baseMargin());
        PipelineEvaluator evaluator =
                new PipelineEvaluator(new ModelPipeline("p", Algorithm.XGBOOST, preprocessing, ensemble, Map.of()));

        FastTreeShap fast = new FastTreeShap(preprocessing, evaluator, ensemble);
        TreeShap walk = new TreeShap(preprocessing, evaluator, ensemble);

        assertThat(fast.fallbackTrees()).isEqualTo(shifted.size());
        for (int i = 0; i < rows; i++) {
            double[] row = new double[preprocessing.width()];
            for (int j = 0; j < 3; j++) {
                row[offset + j] = x[i * 3 + j];
            }
            double[] phi = fast.columnContributions(row);
            double[] walked = walk.columnContributions(row);
            // compared one by one: AssertJ's array comparison with a tolerance takes seconds over 33,004 entries
            assertThat(phi).hasSameSizeAs(walked);
            for (int j = 0; j < phi.length; j++) {
                assertThat(phi[j]).as("row %d column %d", i, j).isCloseTo(walked[j], within(1e-12));
            }
            assertThat(phi[offset] + phi[offset + 1] + phi[offset + 2] + phi[phi.length - 1])
                    .isCloseTo(evaluator.margin(row), within(1e-9));
        }
    }
}
