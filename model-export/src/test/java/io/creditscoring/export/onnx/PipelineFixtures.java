package io.creditscoring.export.onnx;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.CategoricalInput;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.InputTransform;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.NeuralNetworkModel;
import io.creditscoring.pipeline.NumericInput;
import io.creditscoring.pipeline.Preprocessing;
import io.creditscoring.pipeline.Tree;
import io.creditscoring.pipeline.TreeEnsembleModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small hand-built pipelines of each algorithm, a randomized one, and rows that exercise their edge cases. */
public final class PipelineFixtures {

    static final String PORTFOLIO = "test-loans";
    public static final List<String> HOUSING = List.of("own", "rent", "free");

    private PipelineFixtures() {}

    public static Map<String, String> lineage() {
        return Map.of(
                "trainingSetSha256", "9f2c0d1e",
                "trainingRows", "800",
                "params", "{\"seed\":42}",
                "metrics", "{\"auc\":0.77}",
                "libraryVersions", "{\"xgboost4j\":\"3.4.0\"}",
                "codeVersion", "abc1234");
    }

    /** Logistic regression over a scaled numeric with a missing indicator, a scaled numeric, and a category. */
    public static ModelPipeline logisticRegression() {
        var pre = new Preprocessing(List.of(
                new NumericInput("income", 2000.0, 1000.0, 500.0, true),
                new NumericInput("duration", 12.0, 20.0, 10.0, false),
                new CategoricalInput("housing", HOUSING)));
        var model = new LinearModel(new double[] {-0.8, 0.9, 0.35, -0.4, 0.2, 0.6}, -1.1);
        return new ModelPipeline(PORTFOLIO, Algorithm.LOGISTIC_REGRESSION, pre, model, lineage());
    }

    /**
     * Two features passed raw and a one-hot category. Tree 0 splits {@code income < 1500} (missing goes left),
     * then {@code duration < 24} (missing goes right); tree 1 splits on {@code housing=rent < 0.5} then on
     * {@code duration < 12.5} (missing left); tree 2 is a lone leaf.
     */
    public static ModelPipeline xgboost() {
        var pre = new Preprocessing(List.of(
                NumericInput.raw("income"), NumericInput.raw("duration"), new CategoricalInput("housing", HOUSING)));
        Tree tree0 = new Tree(
                new int[] {1, 3, -1, -1, -1},
                new int[] {2, 4, -1, -1, -1},
                new int[] {0, 1, 0, 0, 0},
                new double[] {1500, 24, 0, 0, 0},
                new boolean[] {true, false, false, false, false},
                new double[] {0, 0, -0.25, 0.4, 0.15},
                new double[] {100, 60, 40, 30, 30});
        Tree tree1 = new Tree(
                new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1},
                new int[] {3, 0, 1, 0, 0},
                new double[] {0.5, 0, 12.5, 0, 0},
                new boolean[] {true, false, true, false, false},
                new double[] {0, -0.1, 0, 0.3, -0.05},
                new double[] {100, 70, 30, 10, 20});
        Tree stump = new Tree(
                new int[] {-1},
                new int[] {-1},
                new int[] {0},
                new double[] {0},
                new boolean[] {false},
                new double[] {0.0125},
                new double[] {100});
        double baseMargin = Math.log(0.3 / 0.7);
        return new ModelPipeline(
                PORTFOLIO,
                Algorithm.XGBOOST,
                pre,
                new TreeEnsembleModel(List.of(tree0, tree1, stump), baseMargin),
                lineage());
    }

    /** A 2-layer network: 4 tanh units, 2 relu units, then the linear margin. */
    public static ModelPipeline neuralNetwork() {
        var pre = new Preprocessing(List.of(
                new NumericInput("income", 2000.0, 1000.0, 500.0, true),
                new NumericInput("duration", 12.0, 20.0, 10.0, false),
                new CategoricalInput("housing", HOUSING)));
        var hidden1 = new DenseLayer(
                new double[][] {
                    {0.5, -0.2, 0.1, 0.3, -0.3, 0.05},
                    {-0.4, 0.6, -0.2, 0.0, 0.25, -0.15},
                    {0.2, 0.1, 0.7, -0.5, 0.1, 0.2},
                    {-0.1, -0.3, 0.2, 0.4, -0.6, 0.3}
                },
                new double[] {0.1, -0.05, 0.0, 0.2},
                Activation.TANH);
        var hidden2 = new DenseLayer(
                new double[][] {{0.8, -0.5, 0.3, 0.1}, {-0.2, 0.4, 0.6, -0.7}},
                new double[] {0.05, 0.1},
                Activation.RELU);
        var output = new DenseLayer(new double[][] {{1.2, -0.9}}, new double[] {-0.7}, Activation.LINEAR);
        return new ModelPipeline(
                PORTFOLIO,
                Algorithm.NEURAL_NETWORK,
                pre,
                new NeuralNetworkModel(List.of(hidden1, hidden2, output)),
                lineage());
    }

    /** Rows covering: ordinary values, missing (null, NaN, blank) numerics, exact split thresholds, unseen and missing categories, numeric strings. */
    public static List<Map<String, Object>> edgeRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(1200.0, 10.0, "own"));
        rows.add(row(1800.0, 30.0, "rent"));
        rows.add(row(null, 30.0, "free"));
        rows.add(row(Double.NaN, Double.NaN, "rent"));
        rows.add(row(1000.0, null, "own"));
        rows.add(row(1500.0, 24.0, "own")); // exactly on tree 0's thresholds: goes right both times
        rows.add(row(1499.99, 12.5, "rent")); // just below 1500; exactly on tree 1's 12.5
        rows.add(row(2500.0, 12.0, "castle")); // unseen category
        rows.add(row(900.0, 40.0, null)); // missing category
        rows.add(row(" 1700 ", "", " rent ")); // numeric string, blank numeric, padded category
        rows.add(row(-50000.0, 1e6, "free"));
        return rows;
    }

    public static Map<String, Object> row(Object income, Object duration, Object housing) {
        Map<String, Object> row = new HashMap<>();
        row.put("income", income);
        row.put("duration", duration);
        row.put("housing", housing);
        return row;
    }

    /** A randomized pipeline of the given algorithm over a random mix of numeric and categorical features. */
    public static ModelPipeline randomPipeline(Algorithm algorithm, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int features = 3 + random.nextInt(5);
        List<InputTransform> inputs = new ArrayList<>();
        boolean trees = algorithm == Algorithm.XGBOOST;
        for (int f = 0; f < features; f++) {
            if (random.nextInt(3) == 0) {
                int k = 2 + random.nextInt(4);
                List<String> categories = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    categories.add("c" + c);
                }
                inputs.add(new CategoricalInput("f" + f, categories));
            } else if (trees) {
                inputs.add(NumericInput.raw("f" + f));
            } else {
                inputs.add(new NumericInput(
                        "f" + f,
                        random.nextDouble(-5, 5),
                        random.nextDouble(-2, 2),
                        random.nextDouble(0.1, 10),
                        random.nextBoolean()));
            }
        }
        var pre = new Preprocessing(inputs);
        int width = pre.width();
        var model = switch (algorithm) {
            case LOGISTIC_REGRESSION -> new LinearModel(gaussians(random, width, 1.0), random.nextDouble(-1, 1));
            case XGBOOST -> randomEnsemble(random, width, 40);
            case NEURAL_NETWORK ->
                new NeuralNetworkModel(List.of(
                        randomLayer(random, width, 8, Activation.RELU),
                        randomLayer(random, 8, 4, Activation.TANH),
                        randomLayer(random, 4, 1, Activation.LINEAR)));
        };
        return new ModelPipeline("random-" + seed, algorithm, pre, model, Map.of("seed", Long.toString(seed)));
    }

    /** Random rows for a pipeline: about 10% missing values, some unseen categories, some values on the grid. */
    public static List<Map<String, Object>> randomRows(ModelPipeline pipeline, long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Map<String, Object> row = new HashMap<>();
            for (InputTransform input : pipeline.preprocessing().inputs()) {
                Object value;
                if (random.nextInt(10) == 0) {
                    value = null;
                } else if (input instanceof CategoricalInput c) {
                    int pick = random.nextInt(c.categories().size() + 1);
                    value = pick == c.categories().size()
                            ? "unseen"
                            : c.categories().get(pick);
                } else if (random.nextInt(5) == 0) {
                    value = (double) (random.nextInt(21) - 10) / 2; // on the thresholds' grid
                } else {
                    value = random.nextDouble(-6, 6);
                }
                row.put(input.feature(), value);
            }
            rows.add(row);
        }
        return rows;
    }

    private static TreeEnsembleModel randomEnsemble(SplittableRandom random, int width, int count) {
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            trees.add(randomTree(random, width, 3));
        }
        return new TreeEnsembleModel(trees, random.nextDouble(-2, 2));
    }

    /** A full binary tree of the given depth in breadth-first order; thresholds on a half-unit grid. */
    private static Tree randomTree(SplittableRandom random, int width, int depth) {
        int nodes = (1 << (depth + 1)) - 1;
        int internal = (1 << depth) - 1;
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        double[] leaf = new double[nodes];
        double[] cover = new double[nodes];
        for (int n = 0; n < nodes; n++) {
            cover[n] = 1;
            if (n < internal) {
                left[n] = 2 * n + 1;
                right[n] = 2 * n + 2;
                feature[n] = random.nextInt(width);
                threshold[n] = random.nextBoolean() ? (double) (random.nextInt(21) - 10) / 2 : random.nextDouble(-5, 5);
                defaultLeft[n] = random.nextBoolean();
            } else {
                left[n] = -1;
                right[n] = -1;
                leaf[n] = random.nextDouble(-0.3, 0.3);
            }
        }
        return new Tree(left, right, feature, threshold, defaultLeft, leaf, cover);
    }

    private static DenseLayer randomLayer(SplittableRandom random, int in, int out, Activation activation) {
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            weights[i] = gaussians(random, in, 1.0 / Math.sqrt(in));
        }
        return new DenseLayer(weights, gaussians(random, out, 0.1), activation);
    }

    private static double[] gaussians(SplittableRandom random, int n, double sd) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble(1e-12, 1.0);
            double v = random.nextDouble();
            values[i] = sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return values;
    }
}
