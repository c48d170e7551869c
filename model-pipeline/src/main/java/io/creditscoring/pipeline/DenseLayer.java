package io.creditscoring.pipeline;

/**
 * A fully connected layer: {@code out[i] = activation(bias[i] + sum(weights[i][j] * in[j]))}.
 *
 * @param weights output-by-input weight matrix
 * @param bias one bias per output
 * @param activation the activation applied to each output
 */
public record DenseLayer(double[][] weights, double[] bias, Activation activation) {

    public int inputs() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    public int outputs() {
        return weights.length;
    }
}
