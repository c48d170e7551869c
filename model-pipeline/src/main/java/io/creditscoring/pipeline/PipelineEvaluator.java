package io.creditscoring.pipeline;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link ModelPipeline} in plain Java, exactly as its javadoc defines it: the reference that the
 * training libraries' own predictions and the ONNX export are both checked against, and the base for
 * explaining decisions. Thread-safe once built.
 *
 * <p>Raw values may be numbers or numeric strings for numeric features, and strings (or numbers, matched by
 * their plain decimal form such as {@code "2"}) for categorical ones; null, blank and NaN mean missing.
 * Tree splits compare in float32, as XGBoost and ONNX Runtime do.
 */
public final class PipelineEvaluator {

    private final ModelPipeline pipeline;
    private final List<InputTransform> inputs;
    private final int width;
    private final Map<InputTransform, Map<String, Integer>> categoryColumns = new IdentityHashMap<>();

    public PipelineEvaluator(ModelPipeline pipeline) {
        this.pipeline = pipeline;
        this.inputs = pipeline.preprocessing().inputs();
        this.width = pipeline.preprocessing().width();
        for (InputTransform input : inputs) {
            if (input instanceof CategoricalInput c) {
                Map<String, Integer> columns = new HashMap<>();
                for (int i = 0; i < c.categories().size(); i++) {
                    columns.put(c.categories().get(i), i);
                }
                categoryColumns.put(c, columns);
            }
        }
    }

    public ModelPipeline pipeline() {
        return pipeline;
    }

    /** The probability of default for one application's raw feature values. */
    public double probability(Map<String, ?> rawFeatures) {
        return sigmoid(margin(vector(rawFeatures)));
    }

    /** Applies the preprocessing: raw feature values to the model vector. */
    public double[] vector(Map<String, ?> rawFeatures) {
        double[] x = new double[width];
        int at = 0;
        for (InputTransform input : inputs) {
            Object raw = rawFeatures.get(input.feature());
            switch (input) {
                case NumericInput n -> {
                    double value = numeric(raw);
                    boolean missing = Double.isNaN(value);
                    if (missing) {
                        value = n.imputeValue() == null ? Double.NaN : n.imputeValue();
                    }
                    x[at++] = (value - n.center()) / n.scale();
                    if (n.missingIndicator()) {
                        x[at++] = missing ? 1.0 : 0.0;
                    }
                }
                case CategoricalInput c -> {
                    String label = label(raw);
                    Integer hot = label == null ? null : categoryColumns.get(c).get(label);
                    if (hot != null) {
                        x[at + hot] = 1.0;
                    }
                    at += c.categories().size();
                }
            }
        }
        return x;
    }

    /** The model's margin (log-odds of default) for a model vector. */
    public double margin(double[] vector) {
        return switch (pipeline.model()) {
            case LinearModel linear -> linearMargin(linear, vector);
            case TreeEnsembleModel trees -> treeMargin(trees, vector);
            case NeuralNetworkModel network -> networkMargin(network, vector);
        };
    }

    public static double sigmoid(double margin) {
        return 1.0 / (1.0 + Math.exp(-margin));
    }

    /** The leaf a row reaches in one tree. */
    public static int leaf(Tree tree, double[] vector) {
        int node = 0;
        while (!tree.isLeaf(node)) {
            double value = vector[tree.featureIndex()[node]];
            boolean left =
                    Double.isNaN(value) ? tree.defaultLeft()[node] : (float) value < (float) tree.threshold()[node];
            node = left ? tree.left()[node] : tree.right()[node];
        }
        return node;
    }

    private static double linearMargin(LinearModel model, double[] x) {
        double margin = model.intercept();
        for (int j = 0; j < x.length; j++) {
            margin += model.weights()[j] * x[j];
        }
        return margin;
    }

    private static double treeMargin(TreeEnsembleModel model, double[] x) {
        double margin = model.baseMargin();
        for (Tree tree : model.trees()) {
            margin += tree.leafValue()[leaf(tree, x)];
        }
        return margin;
    }

    private static double networkMargin(NeuralNetworkModel model, double[] x) {
        double[] activations = x;
        for (DenseLayer layer : model.layers()) {
            double[] out = new double[layer.outputs()];
            for (int i = 0; i < out.length; i++) {
                double sum = layer.bias()[i];
                double[] row = layer.weights()[i];
                for (int j = 0; j < row.length; j++) {
                    sum += row[j] * activations[j];
                }
                out[i] = activate(layer.activation(), sum);
            }
            activations = out;
        }
        return activations[0];
    }

    private static double activate(Activation activation, double z) {
        return switch (activation) {
            case LINEAR -> z;
            case RELU -> Math.max(0.0, z);
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid(z);
        };
    }

    private static double numeric(Object raw) {
        return switch (raw) {
            case null -> Double.NaN;
            case Number n -> n.doubleValue();
            case String s when s.isBlank() -> Double.NaN;
            case String s -> Double.parseDouble(s.trim());
            default -> throw new IllegalArgumentException("not a number: " + raw);
        };
    }

    private static String label(Object raw) {
        return switch (raw) {
            case null -> null;
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && !Float.isInfinite(f) -> Long.toString(f.longValue());
            case Number n -> n.toString();
            default -> raw.toString().trim();
        };
    }
}
