package io.creditscoring.training.trainer;

import io.creditscoring.pipeline.Activation;
import io.creditscoring.pipeline.DenseLayer;
import io.creditscoring.pipeline.NeuralNetworkModel;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.base.mlp.InputLayer;
import smile.base.mlp.Layer;
import smile.base.mlp.MultilayerPerceptron;
import smile.base.mlp.OutputLayer;
import smile.classification.MLP;
import smile.math.matrix.Matrix;

/**
 * Reads the weights of a Smile 3.1.1 MLP into a {@link NeuralNetworkModel}. Smile 3.1.1 has no public accessor for
 * them: the layers sit in the protected fields {@code MultilayerPerceptron.net} and {@code .output}, and each layer's
 * {@code weight} (outputs x inputs) and {@code bias} are protected fields of {@code Layer}, so they are read by
 * reflection (Smile is on the class path, an unnamed module, where this is permitted).
 *
 * <p>The output is made a single LINEAR unit carrying the margin: a 1-unit sigmoid output is its pre-activation as
 * it is; a 2-unit softmax output becomes {@code z1 - z0} (row 1 minus row 0 of its weights and biases).
 */
final class SmileMlpReader {

    private SmileMlpReader() {}

    static NeuralNetworkModel read(MLP mlp, Activation hiddenActivation) {
        List<DenseLayer> layers = new ArrayList<>();
        for (Layer layer : (Layer[]) get(MultilayerPerceptron.class, "net", mlp)) {
            if (layer instanceof InputLayer) {
                continue;
            }
            layers.add(dense(layer, hiddenActivation));
        }
        OutputLayer output = (OutputLayer) get(MultilayerPerceptron.class, "output", mlp);
        DenseLayer out = dense(output, Activation.LINEAR);
        if (out.outputs() == 2) {
            double[] w = new double[out.inputs()];
            for (int j = 0; j < w.length; j++) {
                w[j] = out.weights()[1][j] - out.weights()[0][j];
            }
            out = new DenseLayer(new double[][] {w}, new double[] {out.bias()[1] - out.bias()[0]}, Activation.LINEAR);
        } else if (out.outputs() != 1) {
            throw new IllegalArgumentException(
                    "expected a binary MLP, its output layer has " + out.outputs() + " units");
        }
        layers.add(out);
        return new NeuralNetworkModel(layers);
    }

    private static DenseLayer dense(Layer layer, Activation activation) {
        Matrix w = (Matrix) get(Layer.class, "weight", layer);
        double[] bias = ((double[]) get(Layer.class, "bias", layer)).clone();
        double[][] weights = new double[w.nrow()][w.ncol()];
        for (int i = 0; i < w.nrow(); i++) {
            for (int j = 0; j < w.ncol(); j++) {
                weights[i][j] = w.get(i, j);
            }
        }
        return new DenseLayer(weights, bias, activation);
    }

    private static Object get(Class<?> owner, String field, Object target) {
        try {
            Field f = owner.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read Smile's MLP field " + owner.getSimpleName() + "." + field
                            + " (a Smile upgrade changed its internals?)",
                    e);
        }
    }
}
