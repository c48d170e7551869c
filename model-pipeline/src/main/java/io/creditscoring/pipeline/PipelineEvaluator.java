package io.creditscoring.pipeline;

import java.util.Map;

/**
 * Evaluates a {@link ModelPipeline} in plain Java, exactly as its javadoc defines it: the reference that the
 * training libraries' own predictions and the ONNX export are both checked against, and the base for
 * explaining decisions. Thread-safe once built.
 *
 * <p>Feature values are read by the {@link Vectorizer}, with the feature contract's lenient reading
 * ({@link io.creditscoring.pipeline.contract.Strictness#READ}): numbers (or numbers written as text) for numeric
 * features, labels in the schema's spelling (or numbers, by their canonical text such as {@code "2"}) for categorical
 * ones; null, blank, NaN and anything unreadable mean missing. Tree splits compare in float32, as XGBoost and ONNX
 * Runtime do.
 */
public final class PipelineEvaluator {

    private final ModelPipeline pipeline;
    private final Vectorizer vectorizer;

    public PipelineEvaluator(ModelPipeline pipeline) {
        this.pipeline = pipeline;
        this.vectorizer = new Vectorizer(pipeline.preprocessing());
    }

    public ModelPipeline pipeline() {
        return pipeline;
    }

    /** The probability of default for one application's raw feature values, calibrated when the pipeline is. */
    public double probability(Map<String, ?> rawFeatures) {
        return probabilityOfMargin(margin(vector(rawFeatures)));
    }

    /** The probability of default for a model margin: the pipeline's calibration, else the logistic function. */
    public double probabilityOfMargin(double margin) {
        Calibration calibration = pipeline.calibration();
        return calibration == null ? sigmoid(margin) : calibration.probability(margin);
    }

    /** Applies the preprocessing: feature values to the model vector. */
    public double[] vector(Map<String, ?> rawFeatures) {
        return vectorizer.vector(rawFeatures);
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
}
