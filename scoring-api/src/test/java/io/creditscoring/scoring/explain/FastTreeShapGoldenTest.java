package io.creditscoring.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.fixtures.XgboostTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The table-based TreeSHAP against today's walk ({@link TreeShap}) and against xgboost4j's {@code predictContrib}, on
 * a Taiwan model made as the training service makes one (its tree preprocessing, xgboost4j hist trees, eta 0.05,
 * min child weight 5, subsample and column sample 0.8) but with XGBoost's default depth 6 and 300 rounds, so that
 * the paths are longer than the platform's default depth 4. The test split here is every 100th row of the bundled
 * data set (300 rows); every 10th of the other rows (2,970) trains the model (few, to keep the test fast).
 */
class FastTreeShapGoldenTest {

    private static final int TREES = 300;
    /**
     * The tables are float32 (FastTreeShap): a value lies within this of the double walk's (about 1e-8 seen), a
     * row's values add up to its margin within it.
     */
    static final double FLOAT_TABLES = 1e-7;

    private static final int MAX_REASONS = 4;

    private static final PortfolioSchema SCHEMA = BundledPortfolios.taiwanCards();
    private static ModelPipeline pipeline;
    private static PipelineEvaluator evaluator;
    private static Booster booster;
    private static final List<Map<String, Object>> testRows = new ArrayList<>();
    private static float[][] xgboostContributions;

    @BeforeAll
    static void trainOnTheTaiwanTrainingRows() throws Exception {
        List<InputTransform> inputs = new ArrayList<>();
        for (FeatureSpec f : SCHEMA.modelInputs()) {
            inputs.add(f.isNumeric() ? NumericInput.raw(f.name()) : new CategoricalInput(f.name(), f.categories()));
        }
        Preprocessing preprocessing = new Preprocessing(inputs);
        PipelineEvaluator vectors = new PipelineEvaluator(new ModelPipeline(
                "vectors", Algorithm.XGBOOST, preprocessing, new TreeEnsembleModel(List.of(), 0), Map.of()));
        List<Map<String, String>> dataSet = TaiwanFixtures.dataSetRows(Integer.MAX_VALUE);
        List<double[]> train = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        for (int i = 0; i < dataSet.size(); i++) {
            Map<String, Object> features = TaiwanFixtures.requestFeatures(SCHEMA, dataSet.get(i));
            if (i % 100 == 0) {
                testRows.add(features);
                test.add(vectors.vector(features));
            } else if (i % 10 == 1) {
                train.add(vectors.vector(features));
                labels.add(Float.parseFloat(dataSet.get(i).get("defaulted")));
            }
        }
        DMatrix trainMatrix = matrix(train, preprocessing.width());
        float[] y = new float[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        trainMatrix.setLabel(y);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.05);
        params.put("min_child_weight", 5);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("base_score", 0.5);
        params.put("seed", 42);
        params.put("nthread", 2);
        params.put("verbosity", 0);
        booster = XGBoost.train(trainMatrix, params, TREES, Map.of(), null, null);
        trainMatrix.dispose();
        pipeline = new ModelPipeline(
                SCHEMA.portfolio(), Algorithm.XGBOOST, preprocessing, XgboostTrees.ensemble(booster), Map.of());
        evaluator = new PipelineEvaluator(pipeline);
        DMatrix testMatrix = matrix(test, preprocessing.width());
        xgboostContributions = booster.predictContrib(testMatrix, 0);
        testMatrix.dispose();
    }

    @AfterAll
    static void dispose() {
        booster.dispose();
    }

    @Test
    void equalsTodaysTreeShapAndXgboostPredictContribOnTheTestSplit() {
        FastTreeShap fast = (FastTreeShap) ReasonExplainer.forPipeline(pipeline, evaluator, null);
        TreeShap walk = walk();
        assertThat(fast.fallbackTrees()).as("every depth-6 tree has tables").isZero();
        int width = pipeline.preprocessing().width();

        double worstAgainstWalk = 0;
        double worstAgainstXgboost = 0;
        double worstRelativeToXgboost = 0;
        for (int i = 0; i < testRows.size(); i++) {
            double[] x = evaluator.vector(testRows.get(i));
            double[] phi = fast.columnContributions(x);
            double[] before = walk.columnContributions(x);
            for (int j = 0; j <= width; j++) {
                worstAgainstWalk = Math.max(worstAgainstWalk, Math.abs(phi[j] - before[j]));
                worstAgainstXgboost = Math.max(worstAgainstXgboost, Math.abs(phi[j] - xgboostContributions[i][j]));
                assertThat(phi[j])
                        .as("row %d column %d against the walk", i, j)
                        .isCloseTo(before[j], within(FLOAT_TABLES));
                // predictContrib computes and answers in float32: 1e-6 absolute up to 1, relative above
                assertThat(phi[j])
                        .as("row %d column %d against predictContrib", i, j)
                        .isCloseTo(
                                xgboostContributions[i][j],
                                within(1e-6 * Math.max(1, Math.abs(xgboostContributions[i][j]))));
                worstRelativeToXgboost = Math.max(
                        worstRelativeToXgboost,
                        Math.abs(phi[j] - xgboostContributions[i][j])
                                / Math.max(1, Math.abs(xgboostContributions[i][j])));
            }
            double sum = 0;
            for (double v : phi) {
                sum += v;
            }
            assertThat(sum).as("row %d adds up to the margin", i).isCloseTo(evaluator.margin(x), within(FLOAT_TABLES));
        }
        System.out.printf(
                "FastTreeShapGoldenTest: %d rows, worst |fast - walk| %.2e, worst |fast - predictContrib| %.2e,"
                        + " relative to max(1, |predictContrib|) %.2e%n",
                testRows.size(), worstAgainstWalk, worstAgainstXgboost, worstRelativeToXgboost);
    }

    @Test
    void givesTheSameTopReasonsAsTodaysTreeShap() {
        ReasonExplainer fast = ReasonExplainer.forPipeline(pipeline, evaluator, null);
        TreeShap walk = walk();
        int withReasons = 0;
        for (int i = 0; i < testRows.size(); i++) {
            List<String> expected = topReasons(walk.features(), walk.contributions(testRows.get(i)));
            List<String> actual = topReasons(fast.features(), fast.contributions(testRows.get(i)));
            assertThat(actual).as("row %d", i).isEqualTo(expected);
            withReasons += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withReasons).as("rows with reasons").isGreaterThan(testRows.size() / 2);
    }

    @Test
    void treesTooLongOrPastTheBudgetAreWalkedWithTheSameValues() {
        TreeShap walk = walk();
        FastTreeShap shortPaths = new FastTreeShap(
                pipeline.preprocessing(),
                evaluator,
                (TreeEnsembleModel) pipeline.model(),
                4,
                FastTreeShap.TABLE_BUDGET);
        FastTreeShap smallBudget =
                new FastTreeShap(pipeline.preprocessing(), evaluator, (TreeEnsembleModel) pipeline.model(), 8, 20_000);
        assertThat(shortPaths.fallbackTrees()).isBetween(1, TREES - 1);
        assertThat(smallBudget.fallbackTrees()).isBetween(1, TREES - 1);
        for (int i = 0; i < testRows.size(); i += 10) {
            double[] x = evaluator.vector(testRows.get(i));
            double[] before = walk.columnContributions(x);
            assertThat(shortPaths.columnContributions(x)).containsExactly(before, within(FLOAT_TABLES));
            assertThat(smallBudget.columnContributions(x)).containsExactly(before, within(FLOAT_TABLES));
            assertThat(smallBudget.contributions(testRows.get(i)))
                    .containsExactly(walk.contributions(testRows.get(i)), within(FLOAT_TABLES));
        }
    }

    private static TreeShap walk() {
        return new TreeShap(pipeline.preprocessing(), evaluator, (TreeEnsembleModel) pipeline.model());
    }

    /** The reasons' rule, written out here: positive contributions, largest first, at most four. */
    private static List<String> topReasons(List<String> features, double[] contributions) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Double.compare(contributions[b], contributions[a]));
        return order.stream().limit(MAX_REASONS).map(features::get).toList();
    }

    private static DMatrix matrix(List<double[]> rows, int width) throws Exception {
        float[] x = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) rows.get(i)[j];
            }
        }
        return new DMatrix(x, rows.size(), width, Float.NaN);
    }
}
